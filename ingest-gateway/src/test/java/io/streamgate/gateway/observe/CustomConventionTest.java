package io.streamgate.gateway.observe;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.streamgate.gateway.support.GatewayTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.http.server.observation.ServerRequestObservationConvention;

/**
 * An application's own convention for the request timer's tags is applied, as in Boot's set-up, though no span is
 * exported: the gateway then times requests through Spring's observation, which is what applies a convention.
 */
@GatewayTest
@Import(CustomConventionTest.Convention.class)
class CustomConventionTest {

    @Autowired
    MeterRegistry registry;

    @Test
    void theApplicationsConventionTagsTheRequestTimer() {
        TimedRequests.postAcceptedRow();

        // the answer can reach the client before the filter records it
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.find("http.server.requests")
                .tags("uri", "/events/{id}", "status", "202", "channel", "ingest").timer() != null);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Convention {

        @Bean
        ServerRequestObservationConvention taggedByChannel() {
            return new DefaultServerRequestObservationConvention() {
                @Override
                public KeyValues getLowCardinalityKeyValues(ServerRequestObservationContext context) {
                    return super.getLowCardinalityKeyValues(context).and("channel", "ingest");
                }
            };
        }
    }
}
