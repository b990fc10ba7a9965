package io.streamgate.gateway.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.streamgate.gateway.support.GatewayTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** An operator who renames the request timer, as Boot documents it, finds it under that name. */
@GatewayTest
@TestPropertySource(properties = "management.observations.http.server.requests.name=ingest.requests")
class RequestTimerNameTest {

    @Autowired
    MeterRegistry registry;

    @Test
    void theTimerTakesTheNameFromTheObservationProperty() {
        TimedRequests.postAcceptedRow();

        // the answer can reach the client before the filter records it
        await().atMost(Duration.ofSeconds(10)).until(() ->
                registry.find("ingest.requests").tags("uri", "/events/{id}", "status", "202").timer() != null);
        assertThat(registry.find("http.server.requests").timers()).isEmpty();
    }
}
