package io.streamgate.gateway.connection;

import java.util.List;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.ContainerLifeCycle;
import org.springframework.boot.web.embedded.jetty.JettyServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts the connection budget and the slow-client deadlines on the embedded Jetty's connectors. */
@Configuration(proxyBeanMethods = false)
class ConnectionConfig {

    /** Connections waiting to be accepted; the kernel caps it at {@code net.core.somaxconn}. */
    static final int ACCEPT_QUEUE = 4096;

    @Bean
    ConnectionGuard connectionGuard(ConnectionProperties properties) {
        int max = properties.maxConnections() != null ? properties.maxConnections()
                : ConnectionBudget.fromHeap(Runtime.getRuntime().maxMemory());
        List<AddressBlock> proxies = properties.trustedProxies().stream().map(AddressBlock::parse).toList();
        return new ConnectionGuard(new ConnectionBudget(max, properties.maxPerAddress(), proxies));
    }

    @Bean
    SlowClientSweeper slowClientSweeper(ConnectionProperties properties) {
        return new SlowClientSweeper(Deadlines.of(properties));
    }

    @Bean
    WebServerFactoryCustomizer<JettyServletWebServerFactory> connectionLimits(ConnectionGuard guard,
            SlowClientSweeper sweeper) {
        return factory -> factory.addServerCustomizers(server -> {
            for (Connector connector : server.getConnectors()) {
                ((ContainerLifeCycle) connector).addBean(guard);
                if (connector instanceof ServerConnector network) {
                    // Jetty's default (0) leaves the JDK's backlog of 50: a burst of connections, refused within
                    // microseconds once accepted, would still overflow it and delay everyone's connect by SYN retries
                    network.setAcceptQueueSize(ACCEPT_QUEUE);
                }
            }
            sweeper.watch(server);
        });
    }

    @Bean
    MeterBinder connectionMeters(ConnectionGuard guard, SlowClientSweeper sweeper) {
        return registry -> {
            ConnectionBudget budget = guard.budget();
            Gauge.builder("streamgate.connections.open", budget, ConnectionBudget::open)
                    .description("HTTP connections held").register(registry);
            Gauge.builder("streamgate.connections.max", budget, ConnectionBudget::maxConnections)
                    .description("HTTP connections held at most, all clients together").register(registry);
            FunctionCounter.builder("streamgate.connections.refused", guard, ConnectionGuard::refusedPerAddress)
                    .tag("cap", "per-address").description("connections closed on accept: a cap was reached")
                    .register(registry);
            FunctionCounter.builder("streamgate.connections.refused", guard, ConnectionGuard::refusedGlobal)
                    .tag("cap", "global").description("connections closed on accept: a cap was reached")
                    .register(registry);
            FunctionCounter.builder("streamgate.connections.cut", sweeper, SlowClientSweeper::headersTooSlow)
                    .tag("reason", "headers-too-slow").description("requests cut off: the client sent them too slowly")
                    .register(registry);
            FunctionCounter.builder("streamgate.connections.cut", sweeper, SlowClientSweeper::bodyTooSlow)
                    .tag("reason", "body-too-slow").description("requests cut off: the client sent them too slowly")
                    .register(registry);
        };
    }
}
