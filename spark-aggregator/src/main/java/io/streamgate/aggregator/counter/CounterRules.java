package io.streamgate.aggregator.counter;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * Differences between consecutive readings of one cumulative register. A difference is dropped (and the reason
 * kept) when it is negative (a reset or a wrap), above {@code maxDelta} (an absurd jump) or spans more than
 * {@code maxGap} (it cannot be attributed to one interval). The current reading is always the next baseline.
 */
public record CounterRules(Long maxDelta, Duration maxGap) implements Serializable {

    public enum Rejection { NEGATIVE, JUMP, GAP }

    /** {@code delta} is null when rejected, with the rejection; both null only for a first reading. */
    public record Outcome(BigDecimal delta, Rejection rejection) {
    }

    public Outcome first() {
        return new Outcome(null, null);
    }

    public Outcome next(BigDecimal previous, long previousMs, BigDecimal current, long currentMs) {
        BigDecimal delta = current.subtract(previous);
        if (maxGap != null && currentMs - previousMs > maxGap.toMillis()) {
            return new Outcome(null, Rejection.GAP);
        }
        if (delta.signum() < 0) {
            return new Outcome(null, Rejection.NEGATIVE);
        }
        if (maxDelta != null && delta.compareTo(BigDecimal.valueOf(maxDelta)) > 0) {
            return new Outcome(null, Rejection.JUMP);
        }
        return new Outcome(delta, null);
    }
}
