package io.streamgate.poller;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.streamgate.poller.simulator.ProviderSimulator;
import io.streamgate.testsupport.kafka.KafkaBrokerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The poller on a random port, producing to the shared broker and polling the subclass's own provider simulator.
 * Each subclass registers sources of its own, so each has a context of its own, closed after its class
 * ({@code @DirtiesContext}) so that its schedulers stop polling a simulator that is about to close.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
abstract class SimulatorBackedTest {

    static final String BOOTSTRAP = KafkaBrokerExtension.shared().bootstrapServers();
    static final String OPERATOR_PASSWORD = "test-operator-secret";

    private final ProviderSimulator simulator;

    @LocalServerPort
    int port;

    @Value("${streamgate.poller.cursor-topic}")
    String cursorTopic;

    SimulatorBackedTest(ProviderSimulator simulator) {
        this.simulator = simulator;
    }

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> BOOTSTRAP);
        // cursors and leases of a class of its own: classes reuse source ids ("socrata"), and a cursor another
        // class left past the feed's end would make this class's first run read nothing
        String cursors = "cursors-" + UUID.randomUUID();
        registry.add("streamgate.poller.cursor-topic", () -> cursors);
        registry.add("streamgate.management.password", () -> OPERATOR_PASSWORD);
    }

    @BeforeEach
    void restAssured() {
        RestAssured.port = port;
        RestAssured.authentication = RestAssured.preemptive().basic("operator", OPERATOR_PASSWORD);
    }

    /** Waits until the topic holds every record the simulator's feed has published, and asserts each once. */
    void holdsEveryRecordOnce(String topic) {
        TopicReader.holdsEachIdOnce(BOOTSTRAP, topic, simulator.feed().allIds());
    }

    /** Runs the source now and waits until that run has succeeded; returns when it was asked to run. */
    static Instant runNow(String source) {
        Instant asked = Instant.now();
        RestAssured.post("/ops/sources/" + source + "/run").then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> succeededSince(source, asked));
        return asked;
    }

    /**
     * Runs the sources until each has had a run that started after now and succeeded, asking again after a failed
     * run (a hostile provider fails some); never while one runs, which would only queue yet another run. Returns
     * once no run is going or due within a minute.
     */
    static void runUntilSucceeded(List<String> sources) {
        Instant asked = Instant.now();
        Set<String> pending = new HashSet<>(sources);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (String source : List.copyOf(pending)) {
                JsonPath view = RestAssured.get("/ops/sources/" + source).jsonPath();
                String attempt = view.getString("lastAttempt");
                boolean since = attempt != null && Instant.parse(attempt).isAfter(asked);
                boolean failed = view.getInt("consecutiveFailures") > 0;
                String nextRun = view.getString("nextRun");
                // a second trigger that found the run going starts another right after it: wait that one out too,
                // so that no run is walking when the test changes the feed
                boolean settled = nextRun == null || Instant.parse(nextRun).isAfter(Instant.now().plusSeconds(60));
                if (view.getBoolean("running")) {
                    continue;
                }
                if (since && !failed) {
                    if (settled) {
                        pending.remove(source);
                    }
                } else {
                    RestAssured.post("/ops/sources/" + source + "/run");
                }
            }
            return pending.isEmpty();
        });
    }

    /** Whether the source's last run started after {@code asked}, has ended, and succeeded. */
    static boolean succeededSince(String source, Instant asked) {
        JsonPath view = RestAssured.get("/ops/sources/" + source).jsonPath();
        String attempt = view.getString("lastAttempt");
        return attempt != null && Instant.parse(attempt).isAfter(asked) && !view.getBoolean("running")
                && view.getInt("consecutiveFailures") == 0;
    }
}
