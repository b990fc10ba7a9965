package io.streamgate.gateway.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.ValidatableResponse;
import io.streamgate.gateway.support.GatewayTest;
import org.junit.jupiter.api.Test;

/** Source {@code ev-limited}: 2 requests per hour per key, 3 per hour for the source. */
@GatewayTest
class RateLimitTest {

    @Test
    void aKeyPastItsBucketAndThenTheSourcePastItsBucketGet429WithRetryAfter() {
        send("rate-key-1").statusCode(202);
        send("rate-key-1").statusCode(202);
        ValidatableResponse keyLimited = send("rate-key-1").statusCode(429).contentType("application/problem+json")
                .body("title", equalTo("Rate limit exceeded")).body("detail", containsString("this credential"));
        assertThat(Long.parseLong(keyLimited.extract().header("Retry-After"))).isPositive();

        send("rate-key-2").statusCode(202);
        ValidatableResponse sourceLimited = send("rate-key-2").statusCode(429)
                .body("detail", containsString("this source"));
        assertThat(Long.parseLong(sourceLimited.extract().header("Retry-After"))).isPositive();
    }

    private static ValidatableResponse send(String key) {
        return given().header("X-API-Key", key).contentType("application/json").body("{\"n\":1}")
                .when().post("/events/ev-limited").then();
    }
}
