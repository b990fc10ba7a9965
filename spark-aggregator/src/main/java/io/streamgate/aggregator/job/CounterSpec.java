package io.streamgate.aggregator.job;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Duration;
import java.util.List;

/**
 * How {@code counter-delta} measures treat cumulative registers: {@code key} names one physical counter (e.g. a
 * turnstile); a difference below zero (a reset or wrap) or above {@code max-delta} (an absurd jump) is dropped and
 * counted, and so is one spanning more than {@code max-gap} since the previous reading, if set.
 */
public record CounterSpec(
        List<String> key,
        @JsonProperty("max-delta") Long maxDelta,
        @JsonProperty("max-gap") String maxGap) {

    public CounterSpec {
        key = key == null ? List.of() : List.copyOf(key);
    }

    public Duration maxGapDuration() {
        return maxGap == null ? null : Duration.parse(maxGap);
    }
}
