package io.streamgate.poller;

import static io.streamgate.poller.PollerTestSources.turnstile;
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
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The incremental cursor (Socrata {@code $where} on {@code :updated_at}), conditional GET, snapshot diff mode and
 * bounded backfills, against the simulator and a real broker. The sources run once at start; the tests trigger
 * further runs through the operator endpoint.
 */
class IncrementalAndSnapshotTest extends SimulatorBackedTest {

    @AutoClose
    private static final ProviderSimulator SIMULATOR = ProviderSimulator.start(ProviderSimulator.Options.forTests(19, 4));

    IncrementalAndSnapshotTest() {
        super(SIMULATOR);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("streamgate.poller.transactional-id-prefix", () -> "incremental-test");
        turnstile(registry, "socrata", SIMULATOR, "/turnstile/rows.json", "incremental.socrata").hourly()
                .set("params[$order]", ":updated_at,:id")
                .set("pagination.kind", "offset")
                .set("pagination.limit", "25")
                .set("incremental.field", ":updated_at")
                .set("incremental.where", ":updated_at > '{cursor}'");
        // the same feed asked by POST: pages and cursor go in a JSON body, as search APIs take them
        turnstile(registry, "posted", SIMULATOR, "/turnstile/rows.json", "incremental.posted").hourly()
                .set("method", "POST")
                .set("body", "{\"$offset\": {$offset}, \"$limit\": {$limit}, \"$order\": \"{$order}\","
                        + " \"$where\": \"{$where}\"}")
                .set("params[$order]", ":updated_at,:id")
                .set("pagination.kind", "offset")
                .set("pagination.limit", "25")
                .set("incremental.field", ":updated_at")
                .set("incremental.where", ":updated_at > '{cursor}'");
        // a one-page feed: validators apply only there
        turnstile(registry, "single", SIMULATOR, "/turnstile/rows.json", "incremental.single").hourly()
                .set("incremental.field", ":updated_at")
                .set("incremental.where", ":updated_at > '{cursor}'");
        turnstile(registry, "history", SIMULATOR, "/turnstile/rows.json", "incremental.history").hourly()
                .set("pagination.kind", "offset")
                .set("incremental.field", ":updated_at")
                .set("incremental.where", ":updated_at > '{cursor}'")
                .set("incremental.initial", "2100-01-01T00:00:00.000") // the live cursor sees nothing
                .set("incremental.backfill-where", ":updated_at >= '{from}' AND :updated_at < '{to}'");
        turnstile(registry, "status", SIMULATOR, "/turnstile/status.json", "incremental.status").hourly()
                .set("format.records", "/data/turnstiles")
                .set("diff-entity", "c_a,unit,scp")
                .set("conditional", "false");
    }

    private static Map<String, Long> ids(String topic) {
        return TopicReader.idCounts(BOOTSTRAP, topic);
    }

    /** Publishes two more ticks, runs {@code source} again: its topic holds every record of the feed, each once. */
    private static void producesEachRecordOnceAfterNewRows(String source, String topic) {
        SIMULATOR.feed().advance(2);
        runNow(source);
        Map<String, Long> counts = ids(topic);
        assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(SIMULATOR.feed().allIds());
        assertThat(counts.values()).containsOnly(1L);
    }

    @Test
    void theNextRunAsksOnlyForRecordsAfterTheCursorAndProducesEachNewRecordOnce() {
        runNow("socrata");
        assertThat(ids("incremental.socrata").keySet()).containsExactlyInAnyOrderElementsOf(SIMULATOR.feed().allIds());
        producesEachRecordOnceAfterNewRows("socrata", "incremental.socrata");
        List<ProviderSimulator.Served> requests = SIMULATOR.log().stream()
                .filter(s -> s.path().equals("/turnstile/rows.json") && s.query().containsKey("$where")
                        && !s.query().get("$where").contains("2100"))
                .toList();
        assertThat(requests.get(requests.size() - 1).query().get("$where")).startsWith(":updated_at > '2024-");
    }

    @Test
    void aPostSourceSendsPagesAndCursorInItsBodyAndProducesEachNewRecordOnce() {
        runNow("posted");
        producesEachRecordOnceAfterNewRows("posted", "incremental.posted");
        List<ProviderSimulator.Served> posted = SIMULATOR.log().stream()
                .filter(s -> s.path().equals("/turnstile/rows.json") && !s.bodyParams().isEmpty()).toList();
        assertThat(posted).isNotEmpty().allSatisfy(served -> {
            assertThat(served.query()).as("taken out of the URL").doesNotContainKeys("$offset", "$limit", "$where");
            assertThat(served.bodyParams()).containsKeys("$offset", "$limit", "$order");
        });
        assertThat(posted.get(0).bodyParams()).as("the first run has no cursor: null, left out")
                .doesNotContainKey("$where");
        assertThat(posted.get(posted.size() - 1).bodyParams().get("$where")).startsWith(":updated_at > '2024-");
    }

    @Test
    void anUnchangedOnePageFeedAnswers304AndNothingIsProduced() {
        runNow("single"); // catches up, moving the cursor
        runNow("single"); // asks after the moved cursor minus the overlap: a page whose validators it keeps
        int before = TopicReader.records(BOOTSTRAP, "incremental.single").size();
        Instant asked = runNow("single");
        assertThat(SIMULATOR.log()).anySatisfy(served -> {
            assertThat(served.at()).isAfter(asked);
            assertThat(served.path()).isEqualTo("/turnstile/rows.json");
            assertThat(served.ifNoneMatch()).isNotNull();
            assertThat(served.status()).isEqualTo(304);
        });
        assertThat(TopicReader.records(BOOTSTRAP, "incremental.single")).hasSize(before);
    }

    @Test
    void diffModeEmitsOnlyTurnstilesWhoseLatestReadingChanged() {
        // the start-up run gives each of the 19 turnstiles once; other tests of this class may have advanced the
        // shared feed since, so a run first catches up with it
        await().atMost(Duration.ofSeconds(60)).until(() -> ids("incremental.status").size() >= 19);
        runNow("status");
        int caughtUp = TopicReader.records(BOOTSTRAP, "incremental.status").size();
        runNow("status");
        assertThat(TopicReader.records(BOOTSTRAP, "incremental.status")).as("nothing changed").hasSize(caughtUp);
        Set<String> before = Set.copyOf(SIMULATOR.feed().allIds());
        SIMULATOR.feed().advance(1);
        Set<String> published = SIMULATOR.feed().allIds().stream().filter(id -> !before.contains(id))
                .collect(Collectors.toSet());
        runNow("status");
        Map<String, Long> counts = ids("incremental.status");
        assertThat(published).isNotEmpty().hasSizeLessThan(19);
        assertThat(TopicReader.records(BOOTSTRAP, "incremental.status")).hasSize(caughtUp + published.size());
        assertThat(counts.keySet()).containsAll(published);
    }

    @Test
    void aBackfillProducesExactlyTheRecordsOfItsRangeAndLeavesTheLiveCursorAlone() {
        List<String> inRange = SIMULATOR.feed().allIds().stream()
                .filter(id -> id.startsWith("row-00000001-") || id.startsWith("row-00000002-")).toList();
        RestAssured.given().contentType(ContentType.JSON)
                .body(Map.of("from", "2024-01-06T08:00:00.000", "to", "2024-01-06T16:00:00.000"))
                .post("/ops/sources/history/backfill").then().statusCode(202);
        TopicReader.holdsEachIdOnce(BOOTSTRAP, "incremental.history", inRange);
        RestAssured.get("/ops/sources/history").then().body("cursor", org.hamcrest.Matchers.nullValue());
    }
}
