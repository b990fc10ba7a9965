package io.streamgate.gateway.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.restassured.specification.RequestSpecification;
import io.streamgate.gateway.support.GatewayTest;
import io.streamgate.gateway.support.RawHttp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@GatewayTest
class AccessAndLimitsTest {

    static final String PATH = "/events/ev-guarded";
    static final String RECORD = "{\"n\":1}";

    @Autowired
    MeterRegistry meters;

    @Test
    void withoutCredentialsItIsA401ProblemNamingTheSchemes() {
        given().contentType("application/json").body(RECORD)
                .when().post(PATH)
                .then().statusCode(401).contentType("application/problem+json").body("title", equalTo("Unauthorized"));
        assertThat(json().when().post(PATH).then().extract().headers().getValues("WWW-Authenticate"))
                .anySatisfy(value -> assertThat(value).startsWith("Bearer"))
                .anySatisfy(value -> assertThat(value).startsWith("Basic"));
    }

    @Test
    void aWrongApiKeyOrPasswordIsA401() {
        json().header("X-API-Key", "current-key-but-wrong").when().post(PATH).then().statusCode(401);
        json().auth().oauth2("guessed").when().post(PATH).then().statusCode(401);
        json().auth().preemptive().basic("loader", "wrong").when().post(PATH).then().statusCode(401);
        json().auth().preemptive().basic("someone", "loader-password").when().post(PATH).then().statusCode(401);
    }

    @Test
    void bothKeysOfARotationWorkAsBearerOrXApiKeyAndSoDoesBasicAuth() {
        json().auth().oauth2("retiring-key").when().post(PATH).then().statusCode(202);
        json().header("X-API-Key", "current-key").when().post(PATH).then().statusCode(202);
        json().auth().preemptive().basic("loader", "loader-password").when().post(PATH).then().statusCode(202);
    }

    /**
     * A push token counts only in the query: a form body is not parsed for one (which the container would do
     * outside the body limits), and a broken escape is no token, not a server error.
     */
    @Test
    void aPushTokenInAFormBodyOrBrokenlyEscapedIsNoCredential() {
        given().contentType("application/x-www-form-urlencoded; charset=UTF-8").body("token=push-token")
                .when().post("/events/ev-pubsub")
                .then().statusCode(401).contentType("application/problem+json");
        RawHttp.Answer brokenEscape = RawHttp.postToApp("/events/ev-pubsub?token=%zz",
                Map.of("Content-Type", "application/json"), "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(brokenEscape.status()).isEqualTo(401);
        assertThat(brokenEscape.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aBodyOverTheSourcesLimitIsA413NamingTheLimit() {
        given().header("X-API-Key", "current-key").contentType("application/json")
                .body("{\"padding\":\"" + "x".repeat(300) + "\"}")
                .when().post(PATH)
                .then().statusCode(413).contentType("application/problem+json")
                .body("title", equalTo("Body too large")).body("detail", containsString("256 bytes"))
                .body("limit", equalTo("max-body")).body("maxBytes", equalTo(256));
    }

    @Test
    void moreRecordsThanTheSourceTakesIsA400NamingTheLimit() {
        given().header("X-API-Key", "current-key").contentType("application/x-ndjson")
                .body(Records.bytes("{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n{\"n\":4}\n"))
                .when().post(PATH)
                .then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Too many records")).body("limit", equalTo("events.max-records"))
                .body("maxRecords", equalTo(3));
    }

    @Test
    void rejectionsAndAcceptedRecordsAreCountedPerSource() {
        double unauthorized = rejected("unauthorized");
        double accepted = accepted();

        json().when().post(PATH).then().statusCode(401);
        given().header("X-API-Key", "current-key").contentType("application/x-ndjson")
                .body(Records.bytes("{\"n\":1}\n{\"n\":2}"))
                .when().post(PATH).then().statusCode(202);
        json().header("X-API-Key", "current-key").contentType("text/plain").when().post(PATH).then().statusCode(415)
                .body("type", containsString("unsupported-media-type"));

        assertThat(rejected("unauthorized")).isEqualTo(unauthorized + 1);
        assertThat(rejected("media-type")).isGreaterThanOrEqualTo(1);
        assertThat(accepted()).isEqualTo(accepted + 2);
        assertThat(meters.find("streamgate.requests.received").tag("source", "ev-guarded").counter()).isNotNull();
        assertThat(meters.find("streamgate.produce.latency").tag("source", "ev-guarded").timers())
                .extracting(timer -> timer.getId().getTag("outcome")).contains("ok");
    }

    private RequestSpecification json() {
        return given().contentType("application/json").body(RECORD);
    }

    private double rejected(String reason) {
        var counter = meters.find("streamgate.requests.rejected").tag("source", "ev-guarded").tag("reason", reason)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private double accepted() {
        var counter = meters.find("streamgate.records.accepted").tag("source", "ev-guarded").counter();
        return counter == null ? 0 : counter.count();
    }
}
