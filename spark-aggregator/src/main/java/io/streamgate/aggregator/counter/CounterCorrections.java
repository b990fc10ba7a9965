package io.streamgate.aggregator.counter;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What new readings of one counter change in the differences already counted. Each reading's difference is taken
 * from its predecessor in event time and belongs to the reading's own window. A new reading brings its own
 * difference, and it changes the difference of the existing reading that follows it (whose predecessor it now
 * is): that successor's old difference is taken back and the new one added. Summing these corrections into the
 * windows gives the same totals as differencing all readings of the counter in event-time order at once, whatever
 * order and batches they arrived in.
 *
 * <p>{@code readings} must hold the new readings and the existing ones around them, at least as far as the rules'
 * gap reaches (a difference over a longer gap is dropped anyway, so a reading further away changes nothing).
 */
public final class CounterCorrections implements Serializable {

    /** One reading: event time, a tie-breaker that does not depend on arrival, whether it is new, register values. */
    public record Reading(long timeMs, String order, boolean fresh, BigDecimal[] values) {
    }

    /**
     * The change to the reading's window: per register, the difference added (null when neither the new nor the
     * old difference is valid) and the change in the number of valid differences; {@code dropped} counts registers
     * whose new difference the rules reject.
     */
    public record Correction(Reading reading, BigDecimal[] delta, int[] counted, int dropped) {
    }

    private final CounterRules rules;

    public CounterCorrections(CounterRules rules) {
        this.rules = rules;
    }

    public List<Correction> correct(List<Reading> readings) {
        List<Reading> sorted = new ArrayList<>(readings);
        sorted.sort(Comparator.comparingLong(Reading::timeMs).thenComparing(Reading::order));
        List<Correction> out = new ArrayList<>();
        Reading previous = null;
        Reading previousExisting = null;
        for (Reading reading : sorted) {
            if (reading.fresh() || (previous != null && previous.fresh())) {
                Correction correction = correction(reading, previous, reading.fresh() ? null : previousExisting);
                if (reading.fresh() || changes(correction)) {
                    out.add(correction);
                }
            }
            previous = reading;
            if (!reading.fresh()) {
                previousExisting = reading;
            }
        }
        return out;
    }

    private Correction correction(Reading reading, Reading now, Reading before) {
        int registers = reading.values().length;
        BigDecimal[] delta = new BigDecimal[registers];
        int[] counted = new int[registers];
        int dropped = 0;
        for (int i = 0; i < registers; i++) {
            CounterRules.Outcome added = difference(now, reading, i);
            CounterRules.Outcome removed = reading.fresh() ? null : difference(before, reading, i);
            BigDecimal plus = added.delta();
            BigDecimal minus = removed == null ? null : removed.delta();
            if (plus != null || minus != null) {
                delta[i] = (plus == null ? BigDecimal.ZERO : plus).subtract(minus == null ? BigDecimal.ZERO : minus);
            }
            counted[i] = (plus == null ? 0 : 1) - (minus == null ? 0 : 1);
            dropped += added.rejection() == null ? 0 : 1;
        }
        return new Correction(reading, delta, counted, dropped);
    }

    private CounterRules.Outcome difference(Reading previous, Reading reading, int register) {
        return previous == null ? rules.first()
                : rules.next(previous.values()[register], previous.timeMs(), reading.values()[register], reading.timeMs());
    }

    private static boolean changes(Correction correction) {
        for (int i = 0; i < correction.delta().length; i++) {
            if (correction.counted()[i] != 0
                    || (correction.delta()[i] != null && correction.delta()[i].signum() != 0)) {
                return true;
            }
        }
        return false;
    }
}
