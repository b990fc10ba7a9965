package io.streamgate.poller.cursor;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class CursorValuesTest {

    @Test
    void timesCompareAsTimesWhateverTheirPrecisionOrOffset() {
        assertThat(CursorValues.compare("2024-01-06T04:00:00.000", "2024-01-06T04:00")).isZero();
        assertThat(CursorValues.compare("2024-01-06T05:00:00+01:00", "2024-01-06T04:30:00Z")).isNegative();
    }

    @Test
    void numbersCompareAsNumbersAndTheRestAsText() {
        assertThat(CursorValues.max("9", "10")).isEqualTo("10");
        assertThat(CursorValues.max("b", "a")).isEqualTo("b");
        assertThat(CursorValues.max(null, "a")).isEqualTo("a");
    }

    @Test
    void overlapMovesTimesBackInTheirOwnNotation() {
        assertThat(CursorValues.minus("2024-01-06T04:00:00.000", Duration.ofMinutes(5), BigDecimal.ONE))
                .isEqualTo("2024-01-06T03:55:00.000");
        assertThat(CursorValues.minus("2024-01-06T04:00:00Z", Duration.ofHours(1), BigDecimal.ONE))
                .isEqualTo("2024-01-06T03:00:00Z");
        assertThat(CursorValues.minus("page-7", Duration.ofHours(1), BigDecimal.ONE)).isEqualTo("page-7");
    }

    @Test
    void overlapMovesNumbersBackByTheNumericOverlap() {
        assertThat(CursorValues.minus("1700000000", Duration.ofHours(1), BigDecimal.TEN)).isEqualTo("1699999990");
        assertThat(CursorValues.minus("12.5", Duration.ofHours(1), BigDecimal.ONE)).isEqualTo("11.5");
        assertThat(CursorValues.minus("12", Duration.ofHours(1), BigDecimal.ZERO)).isEqualTo("12");
    }
}
