package io.streamgate.poller.simulator;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The demo's readings: per-interval ENTRIES/EXITS of the simulator's real turnstiles ({@link Turnstile#first}),
 * stamped with the time they are made, with occasional exact duplicates (a sender's retry) and late readings (stamped
 * up to {@code maxLateness} in the past, still inside the aggregator's watermark). Deterministic for a seed.
 */
final class DemoReadings {

    private static final String[] COLUMNS = Reading.CSV_HEADER.split(",");

    private final List<Turnstile> turnstiles;
    private final SplittableRandom random;
    private final double duplicateShare;
    private final double lateShare;
    private final Duration maxLateness;
    private final List<Reading> recent = new ArrayList<>();
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
        int busy = time.getHour() >= 7 && time.getHour() <= 19 ? 40 : 6;
        Reading reading = new Reading(sequence++, index, turnstiles.get(index), time,
                random.nextInt(11) == 0 ? "RECOVR AUD" : "REGULAR", random.nextInt(busy), random.nextInt(busy));
        recent.add(reading);
        if (recent.size() > 100) {
            recent.remove(0);
        }
        return reading;
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
