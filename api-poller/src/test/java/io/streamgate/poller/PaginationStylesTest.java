package io.streamgate.poller;

import static io.streamgate.poller.PollerTestSources.source;
import static io.streamgate.poller.PollerTestSources.turnstile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.cloudevents.CloudEvent;
import io.restassured.RestAssured;
import io.streamgate.poller.simulator.ProviderSimulator;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every pagination style against the provider simulator and a real broker: each source's topic, read
 * {@code read_committed}, holds each provider record exactly once; also records nested two arrays deep, selected
 * by a wildcard path.
 */
class PaginationStylesTest extends SimulatorBackedTest {

    private static final String PAGE_SIZE = "17";

    @AutoClose
    private static final ProviderSimulator SIMULATOR = ProviderSimulator.start(ProviderSimulator.Options.forTests(23, 5));

    PaginationStylesTest() {
        super(SIMULATOR);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("streamgate.poller.transactional-id-prefix", () -> "pagination-test");
        paged(registry, "offset", "/turnstile/rows.json").set("pagination.kind", "offset");
        paged(registry, "nested", "/turnstile/stations.json").set("pagination.kind", "offset")
                .set("format.records", "/stations/*/readings");
        paged(registry, "pages", "/turnstile/pages.json")
                .set("pagination.kind", "page")
                .set("pagination.limit-param", "per_page")
                .set("format.records", "/data");
        paged(registry, "cursor", "/turnstile/cursor.json")
                .set("pagination.kind", "cursor")
                .set("pagination.has-more-pointer", "/has_more")
                .set("params.limit", PAGE_SIZE) // these providers take the page size as a plain parameter
                .set("format.records", "/records");
        paged(registry, "link", "/turnstile/linked.json")
                .set("pagination.kind", "link")
                .set("params.limit", PAGE_SIZE);
        paged(registry, "capped", "/turnstile/linked.json")
                .set("pagination.kind", "link")
                .set("params.limit", PAGE_SIZE)
                .set("pagination.max-pages", "2");
        source(registry, "csv").url(SIMULATOR, "/turnstile/rows.csv").hourly()
                .set("topic", "pagination.csv")
                .set("type", "mta.turnstile.reading")
                .set("format.kind", "csv")
                .set("id", "C/A,UNIT,SCP,DATE,TIME")
                .set("event-time.fields", "DATE,TIME")
                .set("event-time.pattern", "MM/dd/yyyy HH:mm:ss")
                .set("event-time.zone", "America/New_York")
                .set("pagination.kind", "offset")
                .set("pagination.limit", PAGE_SIZE);
    }

    private static PollerTestSources paged(DynamicPropertyRegistry registry, String id, String path) {
        return turnstile(registry, id, SIMULATOR, path, "pagination." + id).hourly().set("pagination.limit", PAGE_SIZE);
    }

    @Test
    void offsetAndLimitPagesDeliverEveryRecordOnce() {
        holdsEveryRecordOnce("pagination.offset");
    }

    @Test
    void recordsNestedUnderAWildcardPathAreEachDeliveredOnce() {
        holdsEveryRecordOnce("pagination.nested");
    }

    @Test
    void pageNumbersDeliverEveryRecordOnce() {
        holdsEveryRecordOnce("pagination.pages");
    }

    @Test
    void aCursorFromTheBodyDeliversEveryRecordOnce() {
        holdsEveryRecordOnce("pagination.cursor");
    }

    @Test
    void linkHeadersDeliverEveryRecordOnce() {
        holdsEveryRecordOnce("pagination.link");
    }

    @Test
    void csvRowsArriveAsTheirExactBytesWithTheReadingTimeInUtc() {
        List<String> rows = SIMULATOR.feed().allCsvRows();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(TopicReader.events(BOOTSTRAP, "pagination.csv")).hasSize(rows.size()));
        List<CloudEvent> events = TopicReader.events(BOOTSTRAP, "pagination.csv");
        assertThat(events).extracting(e -> new String(e.getData().toBytes(), StandardCharsets.UTF_8))
                .containsExactlyElementsOf(rows);
        CloudEvent first = events.get(0);
        String[] fields = rows.get(0).split(",");
        assertThat(first.getId()).isEqualTo(String.join("|", fields[0], fields[1], fields[2], fields[6], fields[7]));
        assertThat(first.getType()).isEqualTo("mta.turnstile.reading");
        assertThat(first.getDataContentType()).isEqualTo("text/csv");
        assertThat(first.getTime().toInstant()).isEqualTo(LocalDateTime.parse(fields[6] + " " + fields[7],
                DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss")).atZone(ZoneId.of("America/New_York")).toInstant());
    }

    @Test
    void theSafetyCapEndsARunAndTheNextRunResumesWhereItStopped() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(TopicReader.idCounts(BOOTSTRAP, "pagination.capped")).hasSize(34));
        RestAssured.get("/ops/sources/capped").then().statusCode(200)
                .body("runInProgress", org.hamcrest.Matchers.is(true));
        List<String> expected = SIMULATOR.feed().allIds();
        // one run at a time while the walk is unfinished: a run asked after it ends would start the feed afresh
        for (int run = 0; run < 10 && RestAssured.get("/ops/sources/capped").<Boolean>path("runInProgress"); run++) {
            runNow("capped");
        }
        assertThat(TopicReader.idCounts(BOOTSTRAP, "pagination.capped")).hasSize(expected.size());
        assertThat(TopicReader.idCounts(BOOTSTRAP, "pagination.capped").values()).containsOnly(1L);
    }
}
