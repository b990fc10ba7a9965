package io.streamgate.gateway.ratelimit;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * {@code streamgate.sources.<id>.events.rate-limit}: token buckets, counted in requests. Either may be left out
 * (no limit). Buckets live in the memory of each gateway instance: with N replicas a source may get up to N times
 * the configured rate.
 *
 * @param perSource one bucket for the whole source, whoever calls
 * @param perKey one bucket per credential (API key, basic user, push token)
 */
public record RateLimitProperties(@Valid Limit perSource, @Valid Limit perKey) {

    /**
     * A bucket of {@code capacity} requests, refilled at {@code capacity} per {@code period} (so bursts up to the
     * capacity, and that rate sustained).
     */
    public record Limit(@Positive long capacity, @NotNull Duration period) {

        @AssertTrue(message = "period must be positive")
        public boolean isPeriodPositive() {
            return period == null || (!period.isNegative() && !period.isZero());
        }
    }
}
