package io.streamgate.gateway.observe;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.streamgate.gateway.support.GatewayTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * With no span exported (the default), Spring's server observation is off and {@link RequestTimer} keeps the
 * {@code http.server.requests} timer, with the observation's names and tags, so dashboards read the same either way.
 */
@GatewayTest
class RequestTimerTest {

    private static final String NAME = "http.server.requests";

    @Autowired
    MeterRegistry registry;

    @Test
    void anAcceptedAndARefusedRequestAreTimedUnderTheirRoutePatternStatusAndOutcome() {
        Map<String, String> accepted = Map.of("method", "POST", "uri", "/events/{id}", "status", "202",
                "outcome", "SUCCESS", "exception", "none", "error", "none");
        Map<String, String> refused = Map.of("method", "POST", "uri", "/events/{id}", "status", "415",
                "outcome", "CLIENT_ERROR", "exception", "none", "error", "none");
        long acceptedBefore = count(accepted);
        long refusedBefore = count(refused);

        TimedRequests.postAcceptedRow();
        given().contentType("application/x-unknown").body("x".getBytes(StandardCharsets.UTF_8)).when().post("/events/raw").then().statusCode(415);

        // the answer can reach the client before the filter records it
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(count(accepted)).isEqualTo(acceptedBefore + 1);
            assertThat(count(refused)).isEqualTo(refusedBefore + 1);
        });
    }

    @Test
    void aPathThatMapsToNothingAndAnUnknownMethodAddNoTimersOfTheirOwn() {
        given().when().request("BREW", "/no/such/path/" + System.nanoTime()).then().statusCode(404);
        given().when().get("/no/such/path/" + System.nanoTime()).then().statusCode(404);

        await().atMost(Duration.ofSeconds(10)).until(() ->
                registry.find(NAME).tags("method", "UNKNOWN", "uri", "/**").timer() != null
                        && registry.find(NAME).tags("method", "GET", "uri", "/**").timer() != null);
        assertThat(registry.find(NAME).timers()).extracting(timer -> timer.getId().getTag("method"))
                .contains("UNKNOWN", "GET").doesNotContain("BREW");
        assertThat(registry.find(NAME).timers()).extracting(timer -> timer.getId().getTag("uri"))
                .noneMatch(uri -> uri.startsWith("/no/such/path"));
    }

    private long count(Map<String, String> tags) {
        Tags all = Tags.empty();
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            all = all.and(tag.getKey(), tag.getValue());
        }
        Timer timer = registry.find(NAME).tags(all).timer();
        return timer == null ? 0 : timer.count();
    }
}
