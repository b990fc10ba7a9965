package io.streamgate.aggregator.counter;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class CounterRulesTest {

    private static final long HOUR = Duration.ofHours(1).toMillis();
    private final CounterRules rules = new CounterRules(1000L, Duration.ofHours(24));

    @Test
    void differenceOfConsecutiveReadingsIsTheDelta() {
        assertThat(rules.next(dec(5000), 0, dec(5120), 4 * HOUR)).isEqualTo(new CounterRules.Outcome(dec(120), null));
    }

    @Test
    void unchangedRegisterIsAZeroDelta() {
        assertThat(rules.next(dec(5000), 0, dec(5000), 4 * HOUR).delta()).isEqualByComparingTo("0");
    }

    @Test
    void resetOrWrapIsDroppedAsNegative() {
        assertThat(rules.next(dec(5000), 0, dec(12), 4 * HOUR))
                .isEqualTo(new CounterRules.Outcome(null, CounterRules.Rejection.NEGATIVE));
    }

    @Test
    void jumpAboveMaxDeltaIsDropped() {
        assertThat(rules.next(dec(5000), 0, dec(6001), 4 * HOUR))
                .isEqualTo(new CounterRules.Outcome(null, CounterRules.Rejection.JUMP));
        assertThat(rules.next(dec(5000), 0, dec(6000), 4 * HOUR).delta()).isEqualByComparingTo("1000");
    }

    @Test
    void differenceSpanningMoreThanMaxGapIsDropped() {
        assertThat(rules.next(dec(5000), 0, dec(5010), 25 * HOUR))
                .isEqualTo(new CounterRules.Outcome(null, CounterRules.Rejection.GAP));
        assertThat(rules.next(dec(5000), 0, dec(5010), 24 * HOUR).delta()).isEqualByComparingTo("10");
    }

    @Test
    void withoutLimitsOnlyNegativesAreDropped() {
        CounterRules open = new CounterRules(null, null);

        assertThat(open.next(dec(0), 0, dec(9_000_000), 1000 * HOUR).delta()).isEqualByComparingTo("9000000");
        assertThat(open.next(dec(10), 0, dec(9), HOUR).rejection()).isEqualTo(CounterRules.Rejection.NEGATIVE);
    }

    private static BigDecimal dec(long value) {
        return BigDecimal.valueOf(value);
    }
}
