package io.streamgate.aggregator.counter;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class CounterCorrectionsTest {

    private static final long HOUR = Duration.ofHours(1).toMillis();
    private final CounterCorrections corrections = new CounterCorrections(new CounterRules(1000L, Duration.ofHours(24)));

    @Test
    void aLateReadingBetweenTwoExistingOnesCorrectsItsOwnAndItsSuccessorsDifference() {
        List<CounterCorrections.Correction> out = corrections.correct(List.of(
                reading(0, false, 1000), reading(8, false, 1100), reading(4, true, 1030)));

        assertThat(out).extracting(c -> c.reading().timeMs() / HOUR + "h " + c.delta()[0] + " " + c.counted()[0])
                .containsExactly("4h 30 1", "8h -30 0");
    }

    @Test
    void aFirstReadingHasNoDifferenceAndAReadingBeforeTheFirstGivesItOne() {
        assertThat(corrections.correct(List.of(reading(4, true, 1030))))
                .extracting(c -> c.delta()[0] + " " + c.counted()[0]).containsExactly("null 0");
        assertThat(corrections.correct(List.of(reading(4, false, 1030), reading(0, true, 1000))))
                .extracting(c -> c.reading().timeMs() / HOUR + "h " + c.delta()[0] + " " + c.counted()[0])
                .containsExactly("0h null 0", "4h 30 1");
    }

    @Test
    void aReadingThatTurnsAValidDifferenceIntoARejectedOneTakesItBackAndIsCounted() {
        List<CounterCorrections.Correction> out = corrections.correct(List.of(
                reading(0, false, 1000), reading(8, false, 1100), reading(4, true, 1200)));

        assertThat(out).extracting(c -> c.reading().timeMs() / HOUR + "h " + c.delta()[0] + " " + c.counted()[0]
                + " " + c.dropped()).containsExactly("4h 200 1 0", "8h -100 -1 1");
    }

    @Test
    void summedCorrectionsEqualTheDifferencesOfAllReadingsWhateverTheArrivalOrderAndBatches() {
        Random random = new Random(11);
        List<CounterCorrections.Reading> all = new ArrayList<>();
        long value = 5000;
        for (int i = 0; i < 40; i++) {
            value += random.nextInt(10) == 0 ? -4000 : random.nextInt(1500);   // resets and jumps mixed in
            all.add(new CounterCorrections.Reading((i * 4 + random.nextInt(3) * 12L) * HOUR, "r" + (100 + i), false,
                    new BigDecimal[] {BigDecimal.valueOf(value)}));
        }
        Map<String, BigDecimal> expected = totals(corrections.correct(fresh(all)));
        for (int round = 0; round < 5; round++) {
            List<CounterCorrections.Reading> order = new ArrayList<>(all);
            Collections.shuffle(order, random);
            List<CounterCorrections.Reading> existing = new ArrayList<>();
            List<CounterCorrections.Correction> applied = new ArrayList<>();
            int from = 0;
            while (from < order.size()) {
                int size = 1 + random.nextInt(6);
                List<CounterCorrections.Reading> batch = fresh(order.subList(from, Math.min(order.size(), from + size)));
                List<CounterCorrections.Reading> input = new ArrayList<>(existing);
                input.addAll(batch);
                applied.addAll(corrections.correct(input));
                batch.forEach(r -> existing.add(new CounterCorrections.Reading(r.timeMs(), r.order(), false, r.values())));
                from += size;
            }
            assertThat(totals(applied)).as("round %d (seed 11)", round).isEqualTo(expected);
        }
    }

    private static List<CounterCorrections.Reading> fresh(List<CounterCorrections.Reading> readings) {
        return readings.stream().map(r -> new CounterCorrections.Reading(r.timeMs(), r.order(), true, r.values())).toList();
    }

    /** Per reading: the sum of its differences (null-free), as a window holding only that reading would. */
    private static Map<String, BigDecimal> totals(List<CounterCorrections.Correction> applied) {
        Map<String, BigDecimal> sums = new HashMap<>();
        Map<String, Integer> counted = new HashMap<>();
        for (CounterCorrections.Correction c : applied) {
            sums.merge(c.reading().order(), c.delta()[0] == null ? BigDecimal.ZERO : c.delta()[0], BigDecimal::add);
            counted.merge(c.reading().order(), c.counted()[0], Integer::sum);
        }
        Map<String, BigDecimal> out = new HashMap<>();
        sums.forEach((time, sum) -> out.put(time, counted.get(time) > 0 ? sum : null));
        return out;
    }

    private static CounterCorrections.Reading reading(long hour, boolean fresh, long value) {
        return new CounterCorrections.Reading(hour * HOUR, "k" + hour, fresh, new BigDecimal[] {BigDecimal.valueOf(value)});
    }
}
