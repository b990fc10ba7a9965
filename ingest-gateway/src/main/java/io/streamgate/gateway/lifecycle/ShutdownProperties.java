package io.streamgate.gateway.lifecycle;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long the gateway may take to stop, {@code streamgate.shutdown}.
 *
 * @param grace from the stop signal (SIGTERM) to the end of the process, whatever its clients or the broker do:
 *     requests in progress get {@code spring.lifecycle.timeout-per-shutdown-phase} of it to finish, the Kafka
 *     producer the rest to flush; at {@code grace} the process halts. Keep it below the platform's own
 *     (Kubernetes {@code terminationGracePeriodSeconds}, Compose {@code stop_grace_period}).
 */
@Validated
@ConfigurationProperties("streamgate.shutdown")
public record ShutdownProperties(@DefaultValue("30s") @NotNull @DurationMin(seconds = 1) Duration grace) {
}
