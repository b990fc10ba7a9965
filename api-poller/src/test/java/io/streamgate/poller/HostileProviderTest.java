package io.streamgate.poller;

import static io.streamgate.poller.PollerTestSources.turnstile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.streamgate.poller.simulator.Hostile;
import io.streamgate.poller.simulator.ProviderSimulator;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every pagination style against the worst provider ({@link Hostile#all}: pages capped at 15 rows whatever the
 * limit, one new row in ten committed late with the cursor value of rows already served, empty cursor and link
 * pages that say there is more, one request in ten answered 429/500/503, slow answers, and before one request in
 * ten a recent row corrected: a new version with the newest {@code :updated_at}, so rows change while a run walks
 * its pages), with the poller's defaults, also for a POSTed query and records picked by a wildcard selector: new
 * audits and late rows land between runs, and each topic ends with every row as it stands exactly once, no
 * version twice. Records are identified by {@code :id|:updated_at}, as
 * the README advises for a feed that corrects rows. The seed is logged; {@code -Dhostile.seed=N} replays one
 * (the provider's choices, not the order in which concurrent runs draw them).
 */
class HostileProviderTest extends SimulatorBackedTest {

    private static final long SEED = Long.getLong("hostile.seed", System.nanoTime());
    private static final List<String> SOURCES = List.of("socrata", "posted", "nested", "pages", "cursor", "link",
            "paged-snapshot");
    private static final String KEYSET =
            ":updated_at > '{:updated_at}' OR (:updated_at = '{:updated_at}' AND :id > '{:id}')";

    @AutoClose
    private static final ProviderSimulator SIMULATOR = ProviderSimulator.start(
            ProviderSimulator.Options.forTests(29, 3).withHostile(Hostile.all(logged(SEED))));

    /** A snapshot whose diff state (a hash per turnstile) is larger than one Kafka record may be. */
    @AutoClose
    private static final ProviderSimulator LARGE = ProviderSimulator.start(
            ProviderSimulator.Options.forTests(15_000, 1));

    HostileProviderTest() {
        super(SIMULATOR);
    }

    private static long logged(long seed) {
        System.out.println("HostileProviderTest seed " + seed + " (replay: -Dhostile.seed=" + seed + ")");
        return seed;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("streamgate.poller.transactional-id-prefix", () -> "hostile-test");
        registry.add("streamgate.poller.http.backoff-initial", () -> "5ms");
        registry.add("streamgate.poller.http.max-attempts", () -> "8");
        // ordered by :updated_at, where a corrected row jumps to the end: an offset there would skip the row
        // pushed across a page boundary, so the walk goes by keyset
        incremental(registry, "socrata", "/turnstile/rows.json").set("params[$order]", ":updated_at,:id")
                .set("pagination.kind", "keyset").set("pagination.keyset-where", KEYSET);
        // the same by POST, the keyset filter and page size in a JSON body as search APIs take them
        incremental(registry, "posted", "/turnstile/rows.json").set("method", "POST")
                .set("body", "{\"$limit\": {$limit}, \"$order\": \"{$order}\", \"$where\": \"{$where}\"}")
                .set("params[$order]", ":updated_at,:id")
                .set("pagination.kind", "keyset").set("pagination.keyset-where", KEYSET);
        // records two arrays deep, picked by a wildcard selector
        incremental(registry, "nested", "/turnstile/stations.json").set("pagination.kind", "offset")
                .set("format.records", "/stations/*/readings");
        incremental(registry, "pages", "/turnstile/pages.json").set("pagination.kind", "page")
                .set("pagination.limit-param", "per_page").set("format.records", "/data");
        incremental(registry, "cursor", "/turnstile/cursor.json").set("pagination.kind", "cursor")
                .set("pagination.has-more-pointer", "/has_more").set("params.limit", "100")
                .set("format.records", "/records");
        incremental(registry, "link", "/turnstile/linked.json").set("pagination.kind", "link")
                .set("params.limit", "100");
        // no cursor: every run reads every page; page 1 stays the same while new rows land on later pages
        turnstile(registry, "paged-snapshot", SIMULATOR, "/turnstile/rows.json", "hostile.paged-snapshot").hourly()
                .set("pagination.kind", "offset").set("pagination.limit", "100").set("diff-entity", ":id")
                .set("id", ":id,:updated_at");
        turnstile(registry, "large", LARGE, "/turnstile/status.json", "hostile.large").hourly()
                .set("format.records", "/data/turnstiles").set("diff-entity", "c_a,unit,scp");
    }

    private static PollerTestSources incremental(DynamicPropertyRegistry registry, String id, String path) {
        return turnstile(registry, id, SIMULATOR, path, "hostile." + id).hourly()
                .set("id", ":id,:updated_at")
                .set("pagination.limit", "100")
                .set("incremental.field", ":updated_at")
                .set("incremental.where", ":updated_at > '{cursor}'");
    }

    @Test
    void everyRowReachesKafkaOnceDespiteCappedPagesLateCommitsEmptyPagesCorrectionsAndErrors() {
        runUntilSucceeded(SOURCES); // the start-up runs are over: none walks while the feed is changed below
        for (int round = 0; round < 2; round++) {
            SIMULATOR.feed().advance(1);
            runUntilSucceeded(SOURCES);
            SIMULATOR.feed().commitLate(); // rows with the cursor value the sources have just saved
            runUntilSucceeded(SOURCES);
        }
        SIMULATOR.stopCorrecting();
        runUntilSucceeded(SOURCES); // reads the corrections the last runs made while they walked
        List<String> current = SIMULATOR.feed().currentVersions();
        assertThat(SIMULATOR.feed().allVersions()).as("the provider corrected rows").hasSizeGreaterThan(current.size());
        SOURCES.forEach(source -> TopicReader.holdsEachVersionOnce(BOOTSTRAP, "hostile." + source, current,
                SIMULATOR.feed().allVersions()));
        assertThat(SIMULATOR.served(429) + SIMULATOR.served(500) + SIMULATOR.served(503))
                .as("the provider was hostile").isPositive();
    }

    @Test
    void aSnapshotWhoseStateOutgrowsOneRecordKeepsItsCursor() {
        runUntilSucceeded(List.of("large"));
        LARGE.feed().advance(1);
        runUntilSucceeded(List.of("large"));
        List<String> expected = LARGE.feed().allIds();
        await().atMost(Duration.ofSeconds(120))
                .until(() -> TopicReader.records(BOOTSTRAP, "hostile.large").size() >= expected.size());
        Map<String, Long> counts = TopicReader.idCounts(BOOTSTRAP, "hostile.large");
        assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(counts.values()).containsOnly(1L);
    }
}
