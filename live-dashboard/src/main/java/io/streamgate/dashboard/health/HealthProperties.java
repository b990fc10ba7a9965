package io.streamgate.dashboard.health;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code streamgate.dashboard.health}: the pipeline's services whose state the page shows.
 *
 * @param services per service name, the URL to poll: an actuator health endpoint (its JSON {@code status} is shown)
 *     or any other endpoint that answers 2xx while the service is up (the aggregator's {@code /metrics})
 * @param every how often each service is polled
 * @param timeout how long one poll may take before the service counts as down
 */
@Validated
@ConfigurationProperties("streamgate.dashboard.health")
public record HealthProperties(
        @DefaultValue @NotNull Map<String, @NotNull URI> services,
        @DefaultValue("PT5S") @NotNull Duration every,
        @DefaultValue("PT2S") @NotNull Duration timeout) {
}
