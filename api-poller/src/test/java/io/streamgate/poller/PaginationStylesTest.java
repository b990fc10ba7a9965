package io.streamgate.poller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import io.cloudevents.CloudEvent;
import io.restassured.RestAssured;
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
 * Every pagination style against the provider simulator and a real broker: each source's topic, read
 * {@code read_committed}, holds each provider record exactly once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class PaginationStylesTest {

    private static final ProviderSimulator SIMULATOR = ProviderSimulator.start(ProviderSimulator.Options.forTests(23, 5));
    private static final String BOOTSTRAP = KafkaBrokerExtension.shared().bootstrapServers();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> BOOTSTRAP);
        registry.add("streamgate.poller.transactional-id-prefix", () -> "pagination-test");
        Map<String, String> sources = Map.of(
                "offset", "/turnstile/rows.json",
                "pages", "/turnstile/pages.json",
                "cursor", "/turnstile/cursor.json",
                "link", "/turnstile/linked.json",
                "capped", "/turnstile/linked.json");
        sources.forEach((id, path) -> {
            String p = "streamgate.poller.sources." + id + ".";
            registry.add(p + "url", () -> SIMULATOR.uri(path).toString());
            registry.add(p + "topic", () -> "pagination." + id);
            registry.add(p + "type", () -> "mta.turnstile.reading");
            registry.add(p + "id", () -> ":id");
            registry.add(p + "schedule.interval", () -> "1h");
            registry.add(p + "pagination.limit", () -> "17");
        });
        registry.add("streamgate.poller.sources.offset.pagination.kind", () -> "offset");
        registry.add("streamgate.poller.sources.pages.pagination.kind", () -> "page");
        registry.add("streamgate.poller.sources.pages.pagination.limit-param", () -> "per_page");
        registry.add("streamgate.poller.sources.pages.format.records", () -> "/data");
        registry.add("streamgate.poller.sources.cursor.pagination.kind", () -> "cursor");
        registry.add("streamgate.poller.sources.cursor.pagination.has-more-pointer", () -> "/has_more");
        for (String id : List.of("cursor", "link", "capped")) {
            registry.add("streamgate.poller.sources." + id + ".params.limit", () -> "17"); // the page size
        }
        registry.add("streamgate.poller.sources.cursor.format.records", () -> "/records");
        registry.add("streamgate.poller.sources.link.pagination.kind", () -> "link");
        registry.add("streamgate.poller.sources.capped.pagination.kind", () -> "link");
        registry.add("streamgate.poller.sources.capped.pagination.max-pages", () -> "2");
        String csv = "streamgate.poller.sources.csv.";
        registry.add(csv + "url", () -> SIMULATOR.uri("/turnstile/rows.csv").toString());
        registry.add(csv + "topic", () -> "pagination.csv");
        registry.add(csv + "type", () -> "mta.turnstile.reading");
        registry.add(csv + "format.kind", () -> "csv");
        registry.add(csv + "id", () -> "C/A,UNIT,SCP,DATE,TIME");
        registry.add(csv + "event-time.fields", () -> "DATE,TIME");
        registry.add(csv + "event-time.pattern", () -> "MM/dd/yyyy HH:mm:ss");
        registry.add(csv + "event-time.zone", () -> "America/New_York");
        registry.add(csv + "pagination.kind", () -> "offset");
        registry.add(csv + "pagination.limit", () -> "17");
        registry.add(csv + "schedule.interval", () -> "1h");
    }

    @BeforeEach
    void restAssured() {
        RestAssured.port = port;
    }

    @AfterAll
    static void stopSimulator() {
        SIMULATOR.close();
    }

    private static void holdsEveryRecordOnce(String topic) {
        List<String> expected = SIMULATOR.feed().allIds();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(TopicReader.idCounts(BOOTSTRAP, topic)).hasSize(expected.size()));
        Map<String, Long> counts = TopicReader.idCounts(BOOTSTRAP, topic);
        assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(counts.values()).containsOnly(1L);
    }

    @Test
    void offsetAndLimitPagesDeliverEveryRecordOnce() {
        holdsEveryRecordOnce("pagination.offset");
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
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            RestAssured.post("/ops/sources/capped/run");
            assertThat(TopicReader.idCounts(BOOTSTRAP, "pagination.capped")).hasSize(expected.size());
        });
        assertThat(TopicReader.idCounts(BOOTSTRAP, "pagination.capped").values()).containsOnly(1L);
    }
}
