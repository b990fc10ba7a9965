package io.streamgate.gateway.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.streamgate.gateway.support.BuiltGateway;
import io.streamgate.gateway.support.RawHttp;
import io.streamgate.testsupport.http.SlowFlood;
import io.streamgate.testsupport.kafka.KafkaBroker;
import io.streamgate.testsupport.kafka.KafkaBrokerExtension;
import io.streamgate.testsupport.process.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The flood, with real sockets against the built jar in its own JVM ({@code -Xmx512m}) and a real broker:
 * one address (127.0.0.1) keeps up to 9,000 slow connections trickling for 60 s while a well-behaved client on
 * 127.0.0.2 posts a small event every 0.25 s; afterwards the gateway must be idle within 30 s, free of
 * {@code OutOfMemoryError}, serve a normal request, and stop on SIGTERM within its grace period although slow clients
 * still hold connections.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ConnectionFloodIT {

    private static final int WANTED_CONNECTIONS = 9_000;
    private static final Duration FLOOD = Duration.ofSeconds(60);
    private static final Duration ANSWER_DEADLINE = Duration.ofSeconds(10);
    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final String EVENTS = "/events/flood";
    private static final String OPERATOR_PASSWORD = "flood-test";
    private static final Pattern OPEN = Pattern.compile("(?m)^streamgate_connections_open(?:\\{[^}]*})? (\\S+)$");

    private final InetSocketAddress flooder = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private final InetSocketAddress bystander = new InetSocketAddress(loopback("127.0.0.2"), 0);

    @Test
    void oneAddressFloodingSlowConnectionsNeitherStarvesOthersNorOutlivesItself(KafkaBroker broker) throws Exception {
        int connections = floodSize();
        Path log = Path.of("target", "flood-it", "gateway.log");
        int port = ChildJvm.freePort();
        try (ChildJvm gateway = BuiltGateway.start(log, port, List.of(
                "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--streamgate.sources.flood.kind=events", "--streamgate.sources.flood.topic=flood.events",
                "--streamgate.management.username=operator",
                "--streamgate.management.password=" + OPERATOR_PASSWORD,
                "--streamgate.shutdown.grace=" + GRACE.toSeconds() + "s"))) {
            InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            RawHttp good = new RawHttp(bystander, to, ANSWER_DEADLINE);
            awaitServing(gateway, good);

            List<SteadyClient.Outcome> during;
            try (SteadyClient steady = new SteadyClient(good, EVENTS);
                    SlowFlood flood = new SlowFlood(flooder, to, EVENTS, connections, Duration.ofSeconds(3))) {
                steady.start(Duration.ofMillis(250));
                flood.run(FLOOD, 150);
                System.out.printf("flood: %d connections opened from 127.0.0.1 (target %d held at once), %d closed by"
                        + " the gateway, %d answered 408, %d still open at the end%n", flood.opened(), connections,
                        flood.closedByServer(), flood.timeoutAnswers(), flood.holding());
                System.out.println("gateway meters after the flood: " + meters(good, "streamgate_connections_"));
                steady.stop(ANSWER_DEADLINE.plusSeconds(5));
                during = steady.outcomes();
            }
            long ok = during.stream().filter(SteadyClient.Outcome::ok).count();
            System.out.printf("127.0.0.2 during the flood: %d requests, %d 2xx, latency ms p50 %d, p99 %d, max %d%n",
                    during.size(), ok, SteadyClient.percentile(during, 0.50), SteadyClient.percentile(during, 0.99),
                    SteadyClient.percentile(during, 1.0));
            assertThat(during).as("requests sent every 0.25 s for %s", FLOOD).hasSizeGreaterThan(200);
            assertThat(during).as("every request answered within %s", ANSWER_DEADLINE)
                    .allSatisfy(o -> assertThat(o.error()).isNull());
            assertThat((double) ok / during.size()).as("share of 2xx; failures: %s",
                    during.stream().filter(o -> !o.ok()).toList()).isGreaterThanOrEqualTo(0.99);

            await("the gateway idle after the flood").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofSeconds(2)).until(new IdleProbe(gateway.pid(), () -> openConnections(good)));
            assertThat(gateway.isAlive()).isTrue();
            assertThat(gateway.log()).doesNotContain("OutOfMemoryError");
            RawHttp fromFlooder = new RawHttp(flooder, to, ANSWER_DEADLINE);
            assertThat(fromFlooder.post(EVENTS, "application/json", "{\"after\":\"flood\"}").status()).isEqualTo(202);

            stopsWithinGraceWhileSlowClientsHoldOn(gateway, to);
        }
    }

    /** SIGTERM while slow clients of both kinds keep trickling: the process must end within its grace. */
    private void stopsWithinGraceWhileSlowClientsHoldOn(ChildJvm gateway, InetSocketAddress to) throws Exception {
        ExecutorService trickling = Executors.newSingleThreadExecutor();
        try (SlowFlood few = new SlowFlood(flooder, to, EVENTS, 20, Duration.ofSeconds(3))) {
            Future<?> running = trickling.submit(() -> {
                few.run(GRACE.plusSeconds(15), 5);
                return null;
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> few.opened() >= 20);
            boolean stopped = gateway.terminate(GRACE.plusSeconds(5));
            running.cancel(true);
            assertThat(stopped).as("stopped within the grace of %s (+5 s) after SIGTERM; log %s", GRACE,
                    gateway.logFile()).isTrue();
        } finally {
            trickling.shutdownNow();
        }
    }

    private static void awaitServing(ChildJvm gateway, RawHttp http) {
        await("the gateway ready").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(gateway.isAlive()).as("gateway running; log %s", gateway.logFile()).isTrue();
            try {
                return http.post(EVENTS, "application/json", "{\"warm\":1}").status() == 202;
            } catch (IOException e) {
                return false;
            }
        });
    }

    private static int openConnections(RawHttp http) throws IOException {
        Matcher m = OPEN.matcher(http.get("/actuator/prometheus", "operator", OPERATOR_PASSWORD).body());
        return m.find() ? (int) Double.parseDouble(m.group(1)) : Integer.MAX_VALUE;
    }

    private static String meters(RawHttp http, String prefix) throws IOException {
        return http.get("/actuator/prometheus", "operator", OPERATOR_PASSWORD).body().lines()
                .filter(line -> line.startsWith(prefix)).toList().toString();
    }

    /**
     * 9,000 unless this JVM's open-file limit is too low for them and its own needs (one descriptor a
     * connection); then as many as fit, said in the output.
     */
    private static int floodSize() throws IOException {
        long limit = Files.readAllLines(Path.of("/proc/self/limits")).stream()
                .filter(line -> line.startsWith("Max open files")).map(line -> line.split("\\s+")[3])
                .mapToLong(Long::parseLong).findFirst().orElse(WANTED_CONNECTIONS + 1_000L);
        int size = (int) Math.min(WANTED_CONNECTIONS, limit - 1_000);
        if (size < WANTED_CONNECTIONS) {
            System.out.printf("open-file limit %d: flooding with %d connections instead of %d (raise ulimit -n to"
                    + " %d for the full flood)%n", limit, size, WANTED_CONNECTIONS, WANTED_CONNECTIONS + 1_000);
        }
        return size;
    }

    private static InetAddress loopback(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
