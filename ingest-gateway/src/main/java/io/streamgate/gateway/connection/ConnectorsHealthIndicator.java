package io.streamgate.gateway.connection;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.web.embedded.jetty.JettyWebServer;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Health contributor {@code connectors}, in the liveness group: down when the server can no longer take
 * connections, so that the platform restarts it. Each connector must be running, each of its selectors must run a
 * task handed to it, and its acceptor must accept a connection this check opens. Threads that die of an error
 * (an {@code OutOfMemoryError} in an acceptor or selector) leave a process that answers nothing but looks alive;
 * the JVM flag {@code -XX:+ExitOnOutOfMemoryError} covers the commonest case, this check the rest.
 */
@Component
class ConnectorsHealthIndicator extends AbstractHealthIndicator {

    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    private final ApplicationContext context;
    private final ConnectionGuard guard;

    ConnectorsHealthIndicator(ApplicationContext context, ConnectionGuard guard) {
        super("Connector health check failed");
        this.context = context;
        this.guard = guard;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        if (!(context instanceof WebServerApplicationContext web && web.getWebServer() instanceof JettyWebServer jetty)) {
            builder.unknown();
            return;
        }
        Server server = jetty.getServer();
        for (Connector connector : server.getConnectors()) {
            if (!connector.isRunning()) {
                builder.down().withDetail("connector", connector.toString()).withDetail("problem", "not running");
                return;
            }
            if (connector instanceof ServerConnector network) {
                String problem = selectorsProblem(network);
                if (problem == null) {
                    problem = acceptorProblem(network);
                }
                if (problem != null) {
                    builder.down().withDetail("connector", connector.toString()).withDetail("problem", problem);
                    return;
                }
            }
        }
        builder.up().withDetail("connections", guard.budget().open())
                .withDetail("maxConnections", guard.budget().maxConnections());
    }

    private static String selectorsProblem(ServerConnector connector) throws InterruptedException {
        for (ManagedSelector selector : connector.getSelectorManager().getBeans(ManagedSelector.class)) {
            CountDownLatch ran = new CountDownLatch(1);
            selector.submit(s -> ran.countDown());
            if (!ran.await(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                return "a selector did not run a task within " + PROBE_TIMEOUT;
            }
        }
        return null;
    }

    /** Any accept counts, not only this probe's: under load the probe's may wait behind others. */
    private String acceptorProblem(ServerConnector connector) throws InterruptedException {
        if (connector.getAcceptors() == 0) {
            return null; // accepting on the selectors, checked above
        }
        long before = guard.accepted();
        String host = connector.getHost();
        try (Socket socket = new Socket()) {
            InetAddress address = host == null || host.isBlank() || InetAddress.getByName(host).isAnyLocalAddress()
                    ? InetAddress.getLoopbackAddress() : InetAddress.getByName(host);
            socket.connect(new InetSocketAddress(address, connector.getLocalPort()), (int) PROBE_TIMEOUT.toMillis());
            long deadline = System.nanoTime() + PROBE_TIMEOUT.toNanos();
            while (guard.accepted() == before) {
                if (System.nanoTime() > deadline) {
                    return "no connection accepted within " + PROBE_TIMEOUT;
                }
                Thread.sleep(5); // polls a counter the acceptor bumps; nothing to block on
            }
            return null;
        } catch (IOException e) {
            return "could not connect: " + e.getMessage();
        }
    }
}
