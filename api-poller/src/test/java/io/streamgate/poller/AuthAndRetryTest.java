package io.streamgate.poller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.restassured.RestAssured;
import io.streamgate.poller.simulator.ProviderSimulator;
import io.streamgate.testsupport.kafka.KafkaBrokerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every auth style (OAuth2 with token refresh), 429 with {@code Retry-After}, and 5xx retries with backoff. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false) // tests switch the Prometheus endpoint off unless asked
@DirtiesContext
class AuthAndRetryTest {

    private static final ProviderSimulator SIMULATOR = scripted();
    private static final String BOOTSTRAP = KafkaBrokerExtension.shared().bootstrapServers();

    @LocalServerPort
    int port;

    private static ProviderSimulator scripted() {
        ProviderSimulator simulator = ProviderSimulator.start(ProviderSimulator.Options.forTests(11, 3));
        simulator.fail("/turnstile/pages.json", 429, 1, 2);
        simulator.fail("/turnstile/cursor.json", 503, null, 1);
        simulator.fail("/turnstile/cursor.json", 500, null, 1);
        return simulator;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> BOOTSTRAP);
        registry.add("streamgate.poller.transactional-id-prefix", () -> "auth-test");
        registry.add("streamgate.poller.http.backoff-initial", () -> "100ms");
        source(registry, "header-key", "/key/turnstile/rows.json");
        registry.add("streamgate.poller.sources.header-key.auth.kind", () -> "api-key-header");
        registry.add("streamgate.poller.sources.header-key.auth.name", () -> "X-API-Key");
        registry.add("streamgate.poller.sources.header-key.auth.value", () -> "sim-key");
        source(registry, "query-key", "/key/turnstile/rows.json");
        registry.add("streamgate.poller.sources.query-key.auth.kind", () -> "api-key-query");
        registry.add("streamgate.poller.sources.query-key.auth.name", () -> "api_key");
        registry.add("streamgate.poller.sources.query-key.auth.value", () -> "sim-key");
        source(registry, "basic", "/basic/turnstile/rows.json");
        registry.add("streamgate.poller.sources.basic.auth.kind", () -> "basic");
        registry.add("streamgate.poller.sources.basic.auth.username", () -> "poller");
        registry.add("streamgate.poller.sources.basic.auth.password", () -> "sim-pass");
        source(registry, "oauth", "/oauth/turnstile/rows.json");
        registry.add("streamgate.poller.sources.oauth.auth.kind", () -> "oauth2");
        registry.add("streamgate.poller.sources.oauth.auth.token-url", () -> SIMULATOR.uri("/oauth2/token").toString());
        registry.add("streamgate.poller.sources.oauth.auth.client-id", () -> "poller-client");
        registry.add("streamgate.poller.sources.oauth.auth.client-secret", () -> "sim-secret");
        registry.add("streamgate.poller.sources.oauth.conditional", () -> "false");
        source(registry, "throttled", "/turnstile/pages.json");
        registry.add("streamgate.poller.sources.throttled.format.records", () -> "/data");
        source(registry, "flaky", "/turnstile/cursor.json");
        registry.add("streamgate.poller.sources.flaky.format.records", () -> "/records");
    }

    private static void source(DynamicPropertyRegistry registry, String id, String path) {
        String p = "streamgate.poller.sources." + id + ".";
        registry.add(p + "url", () -> SIMULATOR.uri(path).toString());
        registry.add(p + "topic", () -> "auth." + id);
        registry.add(p + "type", () -> "mta.turnstile.reading");
        registry.add(p + "id", () -> ":id");
        registry.add(p + "schedule.interval", () -> "1h");
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
                assertThat(TopicReader.idCounts(BOOTSTRAP, topic).keySet()).containsExactlyInAnyOrderElementsOf(expected));
        assertThat(TopicReader.idCounts(BOOTSTRAP, topic).values()).containsOnly(1L);
    }

    @Test
    void apiKeysInAHeaderOrTheQueryAndBasicAuthGetEveryRecord() {
        holdsEveryRecordOnce("auth.header-key");
        holdsEveryRecordOnce("auth.query-key");
        holdsEveryRecordOnce("auth.basic");
    }

    @Test
    void aRejectedOAuth2TokenIsRenewedAndTheRequestRepeated() {
        holdsEveryRecordOnce("auth.oauth");
        int issued = SIMULATOR.tokensIssued();
        SIMULATOR.revokeTokens();
        Instant asked = Instant.now();
        RestAssured.post("/ops/sources/oauth/run").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            String last = RestAssured.get("/ops/sources/oauth").path("lastSuccess");
            return last != null && Instant.parse(last).isAfter(asked);
        });
        assertThat(SIMULATOR.tokensIssued()).isEqualTo(issued + 1);
        List<Integer> statuses = SIMULATOR.log().stream()
                .filter(s -> s.at().isAfter(asked) && s.path().startsWith("/oauth/")).map(s -> s.status()).toList();
        assertThat(statuses).startsWith(401, 200);
        assertThat(RestAssured.get("/ops/sources/oauth").<Integer>path("consecutiveFailures")).isZero();
    }

    @Test
    void a429IsRetriedNoSoonerThanItsRetryAfter() {
        holdsEveryRecordOnce("auth.throttled");
        List<ProviderSimulator.Served> served = SIMULATOR.log().stream()
                .filter(s -> s.path().equals("/turnstile/pages.json")).toList();
        assertThat(served).extracting(ProviderSimulator.Served::status).startsWith(429, 429, 200);
        assertThat(Duration.between(served.get(0).at(), served.get(1).at())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(Duration.between(served.get(1).at(), served.get(2).at())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(metric("streamgate_poller_retries_total{source=\"throttled\"}")).isEqualTo(2.0);
        assertThat(metric("streamgate_poller_requests_total{source=\"throttled\",status=\"429\"}")).isEqualTo(2.0);
    }

    @Test
    void serverErrorsAreRetriedWithBackoffAndNothingIsLostOrDuplicated() {
        holdsEveryRecordOnce("auth.flaky");
        assertThat(SIMULATOR.log().stream().filter(s -> s.path().equals("/turnstile/cursor.json"))
                .map(ProviderSimulator.Served::status).toList()).startsWith(503, 500, 200);
    }

    private static double metric(String series) {
        String body = RestAssured.get("/actuator/prometheus").asString();
        return body.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1))).orElse(Double.NaN);
    }

    @Test
    void eachSourceReportsItsHealth() {
        holdsEveryRecordOnce("auth.basic");
        Map<String, Object> health = RestAssured.get("/actuator/health/sources/basic").then().statusCode(200)
                .extract().path("details");
        assertThat(health).containsEntry("consecutiveFailures", 0).containsKey("lastSuccess");
    }
}
