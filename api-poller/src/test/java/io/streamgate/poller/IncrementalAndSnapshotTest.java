package io.streamgate.poller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.streamgate.poller.simulator.ProviderSimulator;
import io.streamgate.testsupport.kafka.KafkaBrokerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The incremental cursor (Socrata {@code $where} on {@code :updated_at}), conditional GET, snapshot diff mode and
 * bounded backfills, against the simulator and a real broker. The sources run once at start; the tests trigger
 * further runs through the operator endpoint.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class IncrementalAndSnapshotTest {

    private static final ProviderSimulator SIMULATOR = ProviderSimulator.start(ProviderSimulator.Options.forTests(19, 4));
    private static final String BOOTSTRAP = KafkaBrokerExtension.shared().bootstrapServers();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> BOOTSTRAP);
        registry.add("streamgate.poller.transactional-id-prefix", () -> "incremental-test");
        String socrata = "streamgate.poller.sources.socrata.";
        registry.add(socrata + "url", () -> SIMULATOR.uri("/turnstile/rows.json").toString());
        registry.add(socrata + "params[$order]", () -> ":updated_at,:id");
        registry.add(socrata + "pagination.kind", () -> "offset");
        registry.add(socrata + "pagination.limit", () -> "25");
        registry.add(socrata + "incremental.field", () -> ":updated_at");
        registry.add(socrata + "incremental.where", () -> ":updated_at > '{cursor}'");
        common(registry, socrata, "incremental.socrata");
        String history = "streamgate.poller.sources.history.";
        registry.add(history + "url", () -> SIMULATOR.uri("/turnstile/rows.json").toString());
        registry.add(history + "pagination.kind", () -> "offset");
        registry.add(history + "incremental.field", () -> ":updated_at");
        registry.add(history + "incremental.where", () -> ":updated_at > '{cursor}'");
        registry.add(history + "incremental.initial", () -> "2100-01-01T00:00:00.000"); // the live cursor sees nothing
        registry.add(history + "incremental.backfill-where",
                () -> ":updated_at >= '{from}' AND :updated_at < '{to}'");
        common(registry, history, "incremental.history");
        String status = "streamgate.poller.sources.status.";
        registry.add(status + "url", () -> SIMULATOR.uri("/turnstile/status.json").toString());
        registry.add(status + "format.records", () -> "/data/turnstiles");
        registry.add(status + "diff-entity", () -> "c_a,unit,scp");
        registry.add(status + "conditional", () -> "false");
        common(registry, status, "incremental.status");
    }

    private static void common(DynamicPropertyRegistry registry, String prefix, String topic) {
        registry.add(prefix + "topic", () -> topic);
        registry.add(prefix + "type", () -> "mta.turnstile.reading");
        registry.add(prefix + "id", () -> ":id");
        registry.add(prefix + "schedule.interval", () -> "1h");
    }

    @BeforeEach
    void restAssured() {
        RestAssured.port = port;
    }

    @AfterAll
    static void stopSimulator() {
        SIMULATOR.close();
    }

    private static Map<String, Long> ids(String topic) {
        return TopicReader.idCounts(BOOTSTRAP, topic);
    }

    /** Runs the source now and waits until that run has finished. */
    private static void runNow(String source) {
        Instant asked = Instant.now();
        RestAssured.post("/ops/sources/" + source + "/run").then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            String last = RestAssured.get("/ops/sources/" + source).path("lastSuccess");
            return last != null && Instant.parse(last).isAfter(asked);
        });
    }

    @Test
    void theNextRunAsksOnlyForRecordsAfterTheCursorAndProducesEachNewRecordOnce() {
        runNow("socrata");
        assertThat(ids("incremental.socrata").keySet()).containsExactlyInAnyOrderElementsOf(SIMULATOR.feed().allIds());
        SIMULATOR.feed().advance(2);
        runNow("socrata");
        Map<String, Long> counts = ids("incremental.socrata");
        assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(SIMULATOR.feed().allIds());
        assertThat(counts.values()).containsOnly(1L);
        List<ProviderSimulator.Served> requests = SIMULATOR.log().stream()
                .filter(s -> s.path().equals("/turnstile/rows.json") && s.query().containsKey("$where")
                        && !s.query().get("$where").contains("2100"))
                .toList();
        assertThat(requests.get(requests.size() - 1).query().get("$where")).startsWith(":updated_at > '2024-");
    }

    @Test
    void anUnchangedFeedAnswers304AndNothingIsProduced() {
        runNow("socrata"); // catches up, moving the cursor
        runNow("socrata"); // asks after the moved cursor: an empty page, whose validators it keeps
        int before = TopicReader.records(BOOTSTRAP, "incremental.socrata").size();
        Instant asked = Instant.now();
        runNow("socrata");
        assertThat(SIMULATOR.log()).anySatisfy(served -> {
            assertThat(served.at()).isAfter(asked);
            assertThat(served.path()).isEqualTo("/turnstile/rows.json");
            assertThat(served.ifNoneMatch()).isNotNull();
            assertThat(served.status()).isEqualTo(304);
        });
        assertThat(TopicReader.records(BOOTSTRAP, "incremental.socrata")).hasSize(before);
    }

    @Test
    void diffModeEmitsOnlyTurnstilesWhoseLatestReadingChanged() {
        await().atMost(Duration.ofSeconds(60)).until(() -> ids("incremental.status").size() == 19);
        runNow("status");
        assertThat(TopicReader.records(BOOTSTRAP, "incremental.status")).as("nothing changed").hasSize(19);
        Set<String> before = Set.copyOf(SIMULATOR.feed().allIds());
        SIMULATOR.feed().advance(1);
        Set<String> published = SIMULATOR.feed().allIds().stream().filter(id -> !before.contains(id))
                .collect(Collectors.toSet());
        runNow("status");
        Map<String, Long> counts = ids("incremental.status");
        assertThat(published).isNotEmpty().hasSizeLessThan(19);
        assertThat(TopicReader.records(BOOTSTRAP, "incremental.status")).hasSize(19 + published.size());
        assertThat(counts.keySet()).containsAll(published);
    }

    @Test
    void aBackfillProducesExactlyTheRecordsOfItsRangeAndLeavesTheLiveCursorAlone() {
        List<String> inRange = SIMULATOR.feed().allIds().stream()
                .filter(id -> id.startsWith("row-00000001-") || id.startsWith("row-00000002-")).toList();
        RestAssured.given().contentType(ContentType.JSON)
                .body(Map.of("from", "2024-01-06T08:00:00.000", "to", "2024-01-06T16:00:00.000"))
                .post("/ops/sources/history/backfill").then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(ids("incremental.history").keySet()).containsExactlyInAnyOrderElementsOf(inRange));
        assertThat(ids("incremental.history").values()).containsOnly(1L);
        RestAssured.get("/ops/sources/history").then().body("cursor", org.hamcrest.Matchers.nullValue());
    }
}
