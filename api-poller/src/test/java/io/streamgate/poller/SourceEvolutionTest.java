package io.streamgate.poller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.restassured.path.json.JsonPath;
import io.streamgate.poller.simulator.ProviderSimulator;
import io.streamgate.poller.simulator.TurnstileFeed;
import io.streamgate.testsupport.kafka.KafkaBrokerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A source whose config changes between two starts of the poller (separate JVMs on the same cursor topic), in the
 * middle of a walk: its first run stops after one page (the page cap) with its next page stored. A change of what
 * gives the stored cursor its meaning (URL, pagination, incremental field) refuses until an operator resets it, or
 * resets by itself where the source says so; any other change carries on from the stored next page.
 */
class SourceEvolutionTest {

    private static final String BOOTSTRAP = KafkaBrokerExtension.shared().bootstrapServers();
    private static final String SOURCE = "evolving";
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @AutoClose
    private static final ProviderSimulator SIMULATOR =
            ProviderSimulator.start(ProviderSimulator.Options.forTests(7, 6));

    /** The readings of the first two audits: exactly one page of the first walk. */
    private static final List<String> FIRST_TWO_AUDITS = SIMULATOR.feed().allIds().stream()
            .filter(id -> id.startsWith("row-00000000-") || id.startsWith("row-00000001-")).toList();

    private final String run = UUID.randomUUID().toString();
    private final String topic = "evolving." + run;
    private final List<PollerProcess> pollers = new ArrayList<>();

    @AfterEach
    void stopPollers() throws InterruptedException {
        for (PollerProcess poller : pollers) {
            poller.close();
        }
    }

    /** Offset pages of {@code rows.json} by {@code :updated_at} ({@code $where}); one page a run. */
    private Map<String, String> before() {
        Map<String, String> source = new LinkedHashMap<>();
        source.put("url", SIMULATOR.uri("/turnstile/rows.json").toString());
        source.put("topic", topic);
        source.put("type", "mta.turnstile.reading");
        source.put("id", ":id");
        source.put("event-time.fields", "date,time");
        source.put("event-time.pattern", "MM/dd/yyyy HH:mm:ss");
        source.put("event-time.zone", NEW_YORK.getId());
        source.put("schedule.interval", "1h"); // the run at start and those the test asks for
        source.put("params[$order]", ":updated_at,:id");
        source.put("pagination.kind", "offset");
        source.put("pagination.limit", String.valueOf(FIRST_TWO_AUDITS.size()));
        source.put("pagination.max-pages", "1");
        source.put("incremental.field", ":updated_at");
        source.put("incremental.where", ":updated_at > '{cursor}'");
        return source;
    }

    /**
     * The same readings from {@code pages.json}: page numbers, rows under {@code /data}, the reading time as cursor
     * ({@code since}). Without overlap, so that a cursor an operator seeds brings no record back.
     */
    private Map<String, String> after() {
        Map<String, String> source = before();
        source.put("url", SIMULATOR.uri("/turnstile/pages.json").toString());
        source.remove("params[$order]");
        source.put("pagination.kind", "page");
        source.put("pagination.limit-param", "per_page");
        source.put("pagination.limit", "5");
        source.put("pagination.max-pages", "1000");
        source.put("format.records", "/data");
        source.remove("incremental.field"); // empty: the event time
        source.remove("incremental.where");
        source.put("incremental.param", "since");
        source.put("incremental.overlap", "0s");
        return source;
    }

    private PollerProcess start(String name, Map<String, String> source) throws Exception {
        List<String> properties = new ArrayList<>(List.of(
                "--spring.kafka.bootstrap-servers=" + BOOTSTRAP,
                "--streamgate.poller.cursor-topic=evolving-cursors." + run,
                "--streamgate.poller.transactional-id-prefix=evolving-" + run));
        source.forEach((key, value) ->
                properties.add("--streamgate.poller.sources." + SOURCE + "." + key + "=" + value));
        PollerProcess poller = PollerProcess.start(Path.of("target", "source-evolution", run + "-" + name + ".log"),
                properties);
        pollers.add(poller);
        return poller;
    }

    private static JsonPath view(PollerProcess poller) {
        return poller.ops().get("/ops/sources/" + SOURCE).jsonPath();
    }

    /** Starts the poller as before, lets its first run walk one page and stop there, and stops the poller. */
    private void walkOnePageAndStop() throws Exception {
        PollerProcess poller = start("before", before());
        await().atMost(Duration.ofMinutes(1)).until(() -> {
            JsonPath view = view(poller);
            return view.getString("lastSuccess") != null && !view.getBoolean("running");
        });
        assertThat(view(poller).getBoolean("runInProgress")).as("the walk stopped at its page cap").isTrue();
        assertThat(ids()).isEqualTo(once(FIRST_TWO_AUDITS));
        poller.stop();
    }

    private static Map<String, Long> once(List<String> ids) {
        return ids.stream().collect(Collectors.toMap(Function.identity(), id -> 1L));
    }

    private Map<String, Long> ids() {
        return TopicReader.idCounts(BOOTSTRAP, topic);
    }

    private static boolean requestedSince(Instant at) {
        return SIMULATOR.log().stream().anyMatch(served -> served.at().isAfter(at));
    }

    @Test
    void aNewCursorFieldAndPaginationRefuseUntilResetThenEveryRecordIsInTheTopicOnce() throws Exception {
        walkOnePageAndStop();
        Instant restarted = Instant.now();
        PollerProcess poller = start("after", after());
        await().atMost(Duration.ofMinutes(1)).until(() -> view(poller).getInt("consecutiveFailures") >= 1);
        poller.ops().post("/ops/sources/" + SOURCE + "/run").then().statusCode(202); // a retry
        await().atMost(Duration.ofMinutes(1)).until(() -> view(poller).getInt("consecutiveFailures") >= 2);

        String refusal = view(poller).getString("lastError");
        assertThat(refusal).doesNotContain("\n")
                .startsWith("source evolving refuses to run: its stored cursor was written under another spec (")
                .contains("incremental.field :updated_at -> \"\"", "pagination.kind offset -> page",
                        "url " + SIMULATOR.uri("/turnstile/rows.json") + " -> "
                                + SIMULATOR.uri("/turnstile/pages.json"))
                .endsWith("to go on from a cursor value of the new field run POST /ops/sources/evolving/reset"
                        + "?cursor=<value>, to read the feed afresh POST /ops/sources/evolving/reset, or set "
                        + "on-spec-change: reset");
        assertThat(poller.log().lines().filter(line -> line.contains(refusal))).as("logged once, not per retry")
                .hasSize(1);
        JsonPath health = poller.ops().get("/actuator/health/sources/" + SOURCE).jsonPath();
        assertThat(health.getString("status")).isEqualTo("DOWN");
        assertThat(health.getString("details.specChange")).contains("pagination.kind offset -> page");
        assertThat(requestedSince(restarted)).as("no page fetched, stale or new").isFalse();
        assertThat(ids()).isEqualTo(once(FIRST_TWO_AUDITS));

        // the newest reading produced: the second audit's time, as the new field (the event time) has it
        String cursor = TurnstileFeed.DEFAULT_START.plusHours(4).atZone(NEW_YORK).toInstant().toString();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                poller.ops().queryParam("cursor", cursor).post("/ops/sources/" + SOURCE + "/reset").statusCode()
                        == 200); // 409 while a refused retry is running
        TopicReader.holdsEachIdOnce(BOOTSTRAP, topic, SIMULATOR.feed().allIds());
        await().atMost(Duration.ofSeconds(30)).until(() -> view(poller).getString("lastSuccess") != null
                && view(poller).getInt("consecutiveFailures") == 0);
        assertThat(view(poller).getString("specChange")).isNull();
    }

    @Test
    void aSourceThatResetsOnSpecChangeReadsTheFeedAfreshUnderItsNewSpec() throws Exception {
        walkOnePageAndStop();
        Map<String, String> resetting = after();
        resetting.put("on-spec-change", "reset");
        PollerProcess poller = start("after", resetting);

        // read afresh: what the first walk produced comes once more, nothing from its stale next page is skipped
        Map<String, Long> expected = SIMULATOR.feed().allIds().stream().collect(Collectors.toMap(Function.identity(),
                id -> FIRST_TWO_AUDITS.contains(id) ? 2L : 1L));
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(ids()).isEqualTo(expected));
        await().atMost(Duration.ofSeconds(30)).until(() -> view(poller).getString("lastSuccess") != null);
        assertThat(view(poller).getInt("consecutiveFailures")).isZero();
        assertThat(poller.log()).contains("source evolving: its stored cursor was written under another spec (",
                "on-spec-change is reset, so it starts over");
    }

    @Test
    void aChangeOfScheduleOrPageCapCarriesOnFromTheStoredNextPage() throws Exception {
        walkOnePageAndStop();
        Instant restarted = Instant.now();
        Map<String, String> rescheduled = before();
        rescheduled.put("schedule.interval", "2h");
        rescheduled.put("pagination.max-pages", "1000");
        PollerProcess poller = start("rescheduled", rescheduled);

        TopicReader.holdsEachIdOnce(BOOTSTRAP, topic, SIMULATOR.feed().allIds());
        ProviderSimulator.Served first = SIMULATOR.log().stream().filter(served -> served.at().isAfter(restarted))
                .findFirst().orElseThrow();
        assertThat(first.query()).containsEntry("$offset", String.valueOf(FIRST_TWO_AUDITS.size()));
        assertThat(view(poller).getString("lastError")).isNull();
    }
}
