package io.streamgate.poller;

import static io.streamgate.poller.PollerTestSources.turnstile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.restassured.RestAssured;
import io.streamgate.poller.simulator.ProviderSimulator;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every auth style (OAuth2 with token refresh), 429 with {@code Retry-After}, 5xx retries with backoff, and the
 * per-source {@code on-status} rules that change which statuses are retried, ignored or fatal.
 */
@AutoConfigureObservability(tracing = false) // tests switch the Prometheus endpoint off unless asked
class AuthAndRetryTest extends SimulatorBackedTest {

    @AutoClose
    private static final ProviderSimulator SIMULATOR = scripted();

    AuthAndRetryTest() {
        super(SIMULATOR);
    }

    private static ProviderSimulator scripted() {
        ProviderSimulator simulator = ProviderSimulator.start(ProviderSimulator.Options.forTests(11, 3));
        simulator.fail("/turnstile/pages.json", 429, 1, 2);
        simulator.fail("/turnstile/cursor.json", 503, null, 1);
        simulator.fail("/turnstile/cursor.json", 500, null, 1);
        simulator.fail("/turnstile/rows.json", 404, null, 1);
        simulator.fail("/turnstile/linked.json", 409, null, 2);
        simulator.fail("/key/turnstile/cursor.json", 503, null, 1);
        return simulator;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("streamgate.poller.transactional-id-prefix", () -> "auth-test");
        registry.add("streamgate.poller.http.backoff-initial", () -> "100ms");
        // the scripted failures, all on one host in the first seconds, open its breaker or not depending on how soon
        // the other sources' pages come: a run it refuses is tried again once it half-opens, this soon here
        registry.add("streamgate.poller.http.breaker-open-for", () -> "2s");
        source(registry, "header-key", "/key/turnstile/rows.json")
                .set("auth.kind", "api-key-header").set("auth.name", "X-API-Key").set("auth.value", "sim-key");
        source(registry, "query-key", "/key/turnstile/rows.json")
                .set("auth.kind", "api-key-query").set("auth.name", "api_key").set("auth.value", "sim-key");
        source(registry, "basic", "/basic/turnstile/rows.json")
                .set("auth.kind", "basic").set("auth.username", "poller").set("auth.password", "sim-pass");
        source(registry, "oauth", "/oauth/turnstile/rows.json")
                .set("auth.kind", "oauth2")
                .set("auth.token-url", SIMULATOR.uri("/oauth2/token").toString())
                .set("auth.client-id", "poller-client")
                .set("auth.client-secret", "sim-secret")
                .set("conditional", "false");
        source(registry, "throttled", "/turnstile/pages.json").set("format.records", "/data");
        source(registry, "flaky", "/turnstile/cursor.json").set("format.records", "/records");
        source(registry, "gone-for-now", "/turnstile/rows.json").set("on-status.404", "ignore");
        source(registry, "conflicted", "/turnstile/linked.json").set("pagination.kind", "link")
                .set("on-status.4xx", "retry");
        source(registry, "strict", "/key/turnstile/cursor.json").set("format.records", "/records")
                .set("auth.kind", "api-key-header").set("auth.name", "X-API-Key").set("auth.value", "sim-key")
                .set("on-status.5xx", "fail");
    }

    private static PollerTestSources source(DynamicPropertyRegistry registry, String id, String path) {
        return turnstile(registry, id, SIMULATOR, path, "auth." + id).hourly();
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
        Instant asked = runNow("oauth");
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

    @Test
    void anIgnoredStatusEndsTheRunWithoutFailingIt() {
        List<Integer> statuses = await().atMost(Duration.ofSeconds(60)).until(() -> served("/turnstile/rows.json"),
                s -> !s.isEmpty());
        assertThat(statuses).as("one request, not retried").containsExactly(404);
        runNow("gone-for-now");
        holdsEveryRecordOnce("auth.gone-for-now");
        assertThat(RestAssured.get("/ops/sources/gone-for-now").<Integer>path("consecutiveFailures")).isZero();
    }

    @Test
    void aClientErrorTheSourceSaysToRetryIsRetried() {
        holdsEveryRecordOnce("auth.conflicted");
        assertThat(served("/turnstile/linked.json")).startsWith(409, 409, 200);
    }

    @Test
    void aServerErrorTheSourceSaysIsFatalFailsTheRunWithoutAnotherAttemptAndTheNextRunComesAfterTheBackoff() {
        holdsEveryRecordOnce("auth.strict"); // an hourly source: a failed run must not cost it its hour
        List<ProviderSimulator.Served> served = SIMULATOR.log().stream()
                .filter(s -> s.path().equals("/key/turnstile/cursor.json")).toList();
        assertThat(served).extracting(ProviderSimulator.Served::status).startsWith(503, 200);
        assertThat(metric("streamgate_poller_retries_total{source=\"strict\"}")).as("no attempt within the run")
                .isZero();
        assertThat(Duration.between(served.get(0).at(), served.get(1).at())).as("the next run, after the backoff")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(RestAssured.get("/ops/sources/strict").<Integer>path("consecutiveFailures")).isZero();
    }

    private static List<Integer> served(String path) {
        return SIMULATOR.log().stream().filter(s -> s.path().equals(path)).map(ProviderSimulator.Served::status)
                .toList();
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
