package io.streamgate.gateway.webhook;

import static io.restassured.RestAssured.given;
import static io.streamgate.gateway.webhook.Deliveries.post;
import static io.streamgate.gateway.webhook.Deliveries.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.streamgate.gateway.support.GatewayTest;
import io.streamgate.gateway.verify.Signer;
import org.junit.jupiter.api.Test;

/**
 * Health (with Kafka in readiness) and info are open; the other actuator endpoints need the operator's credentials
 * and refuse others with a problem+json 401; per-source metrics are exported; no secret appears in any of it.
 */
@GatewayTest
class OperatorEndpointsTest {

    private static final List<String> SECRETS = List.of("It's a Secret to Everybody", "retired-but-still-valid",
            "whsec_test_stripe_endpoint_secret", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "shpss_test_shopify_client_secret",
            "8f742231b10e8888abcd99yyyzzz85a5", "generic-test-secret", "test-operator-password");

    @Test
    void healthAndInfoAreOpenAndReadinessIncludesKafka() {
        given().when().get("/actuator/health").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/actuator/health/liveness").then().statusCode(200);
        given().when().get("/actuator/health/readiness").then().statusCode(200).body("status", equalTo("UP"))
                .body("components.kafka.status", equalTo("UP"));
        given().when().get("/actuator/info").then().statusCode(200);
    }

    @Test
    void prometheusNeedsTheOperatorsCredentialsAndRefusesOthersWithAProblem() {
        given().when().get("/actuator/prometheus").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", containsString("Basic"));
        given().auth().preemptive().basic("operator", "wrong").when().get("/actuator/prometheus").then()
                .statusCode(401).contentType("application/problem+json");
        given().auth().preemptive().basic("operator", "test-operator-password").when().get("/actuator/prometheus")
                .then().statusCode(200);
    }

    @Test
    void perSourceMetricsCountReceivedAcceptedRejectedByReasonDuplicatesAndProduceLatency() {
        byte[] body = utf8("{\"metrics\":\"" + Instant.now() + "\"}");
        Map<String, String> headers = Signer.GITHUB.sign(body, Instant.now());
        post("wh-github", "application/json", headers, body).then().statusCode(200);
        post("wh-github", "application/json", headers, body).then().statusCode(200);
        post("wh-github", "application/json", Signer.GITHUB.sign("wrong", body, Instant.now()), body).then()
                .statusCode(401);
        post("wh-github", "text/plain", headers, body).then().statusCode(415);

        String metrics = scrape();
        assertThat(metrics).contains("streamgate_requests_received_total{", "source=\"wh-github\"")
                .contains("streamgate_records_accepted_total{")
                .containsPattern("streamgate_requests_rejected_total\\{[^}]*reason=\"signature-mismatch\"[^}]*\\}")
                .containsPattern("streamgate_requests_rejected_total\\{[^}]*reason=\"media-type\"[^}]*\\}")
                .containsPattern("streamgate_requests_duplicates_total\\{[^}]*source=\"wh-github\"")
                .containsPattern("streamgate_produce_latency_seconds_count\\{[^}]*source=\"wh-github\"");
    }

    @Test
    void noSecretAppearsInActuatorOutput() {
        String everything = given().when().get("/actuator/health").asString()
                + given().when().get("/actuator/health/readiness").asString()
                + given().when().get("/actuator/info").asString()
                + scrape()
                + given().auth().preemptive().basic("operator", "test-operator-password").when()
                        .get("/actuator/env").asString()
                + given().auth().preemptive().basic("operator", "test-operator-password").when()
                        .get("/actuator/configprops").asString();
        assertThat(everything).doesNotContain(SECRETS);
    }

    private static String scrape() {
        return given().auth().preemptive().basic("operator", "test-operator-password").when()
                .get("/actuator/prometheus").then().statusCode(200).extract().asString();
    }
}
