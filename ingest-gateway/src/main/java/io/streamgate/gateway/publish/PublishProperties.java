package io.streamgate.gateway.publish;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway waits for Kafka, {@code streamgate.publish}.
 *
 * @param timeout the longest a request waits for the broker's acknowledgement of all its records before it is
 *     answered 503 (the producer's own send and delivery timeouts bound the work behind it)
 * @param retryAfter the {@code Retry-After} given with that 503
 */
@Validated
@ConfigurationProperties("streamgate.publish")
public record PublishProperties(
        @DefaultValue("10s") @NotNull Duration timeout,
        @DefaultValue("5s") @NotNull Duration retryAfter) {
}
