package io.streamgate.poller.simulator;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The demo's readings: <b>per-interval</b> ENTRIES/EXITS of the simulator's real turnstiles ({@link Turnstile#first}),
 * each counting the people through that turnstile since its previous reading from this sender (at most a few hundred
 * an hour in the busy hours 07-19, a few dozen at night), stamped with the time they are made, with occasional exact
 * duplicates (a sender's retry) and late readings (stamped up to {@code maxLateness} in the past, still inside the
 * aggregator's watermark). They are for a job that sums (mta-turnstile), not for counter deltas: unlike the polled
 * feed, they are no cumulative registers. Deterministic for a seed and the same sequence of times.
 */
final class DemoReadings {

    private static final String[] COLUMNS = Reading.CSV_HEADER.split(",");
    /** People an hour through one turnstile, per sender (run.sh --demo runs two), in the busy hours and at night. */
    static final double ENTRIES_PER_HOUR = 120;
    static final double EXITS_PER_HOUR = 100;
    static final double QUIET_PER_HOUR = 15;

    private final List<Turnstile> turnstiles;
    private final SplittableRandom random;
    private final double duplicateShare;
    private final double lateShare;
    private final Duration maxLateness;
    private final List<Reading> recent = new ArrayList<>();
    private final Map<Integer, LocalDateTime> previous = new HashMap<>();
    private long sequence;

    DemoReadings(int turnstiles, long seed, double duplicateShare, double lateShare, Duration maxLateness) {
        this.turnstiles = Turnstile.first(turnstiles);
        this.random = new SplittableRandom(seed);
        this.duplicateShare = duplicateShare;
        this.lateShare = lateShare;
        this.maxLateness = maxLateness;
    }

    /** The next reading, made at {@code now} (New York local time): a new one, a repeat, or a late one. */
    Reading next(LocalDateTime now) {
        if (!recent.isEmpty() && random.nextDouble() < duplicateShare) {
            return recent.get(random.nextInt(recent.size()));
        }
        LocalDateTime time = now.truncatedTo(ChronoUnit.SECONDS);
        if (random.nextDouble() < lateShare) {
            time = time.minusSeconds(1 + random.nextLong(maxLateness.toSeconds()));
        }
        int index = random.nextInt(turnstiles.size());
        // the people since this turnstile's previous reading (made, not stamped: a late reading carries them too)
        LocalDateTime made = now.truncatedTo(ChronoUnit.SECONDS);
        double hours = Duration.between(previous.getOrDefault(index, made), made).toMillis() / 3_600_000.0;
        previous.put(index, made);
        boolean busy = made.getHour() >= 7 && made.getHour() <= 19;
        Reading reading = new Reading(sequence++, index, turnstiles.get(index), time,
                random.nextInt(11) == 0 ? "RECOVR AUD" : "REGULAR", poisson((busy ? ENTRIES_PER_HOUR : QUIET_PER_HOUR)
                        * hours), poisson((busy ? EXITS_PER_HOUR : QUIET_PER_HOUR) * hours));
        recent.add(reading);
        if (recent.size() > 100) {
            recent.remove(0);
        }
        return reading;
    }

    /** A Poisson draw: how many people came through (Knuth's method for the small means of a steady demo). */
    private long poisson(double mean) {
        if (mean > 30) { // a long pause between readings: the normal approximation
            return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        long count = 0;
        for (double product = random.nextDouble(); product > limit; product *= random.nextDouble()) {
            count++;
        }
        return count;
    }

    /** The reading as a JSON object keyed by the MTA's column names, values as text (as in the CSV). */
    static Map<String, String> json(Reading reading) {
        String[] values = reading.csv().split(",", -1);
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < COLUMNS.length; i++) {
            row.put(COLUMNS[i], values[i]);
        }
        return row;
    }
}
