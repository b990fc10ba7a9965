package io.streamgate.e2e;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** New readings of the simulator's turnstiles (its real booths and stations), to push through the gateway. */
final class FreshReadings {

    /** Later than the provider's last audit by at most this: inside the job's 4-hour watermark in any order. */
    private static final int SPAN_SECONDS = 3 * 3600 + 30 * 60;

    private FreshReadings() {
    }

    /**
     * {@code count} readings, each a distinct audit (business key), stamped within {@link #SPAN_SECONDS} after the
     * latest served reading, with per-interval counts; the same for the same seed.
     */
    static List<TurnstileReading> after(List<TurnstileReading> served, int count, long seed) {
        Map<List<String>, TurnstileReading> turnstiles = new LinkedHashMap<>();
        served.forEach(r -> turnstiles.putIfAbsent(List.of(r.ca(), r.unit(), r.scp()), r));
        List<TurnstileReading> pool = new ArrayList<>(turnstiles.values());
        LocalDateTime last = served.stream().map(TurnstileReading::localTime).max(Comparator.naturalOrder())
                .orElseThrow();
        Random random = new Random(seed);
        Map<List<String>, TurnstileReading> readings = new LinkedHashMap<>();
        while (readings.size() < count) {
            TurnstileReading turnstile = pool.get(random.nextInt(pool.size()));
            TurnstileReading reading = turnstile.at(last.plusSeconds(1 + random.nextInt(SPAN_SECONDS)),
                    random.nextInt(8) == 0 ? "RECOVR AUD" : "REGULAR", random.nextInt(400), random.nextInt(300));
            readings.putIfAbsent(reading.businessKey(), reading);
        }
        return List.copyOf(readings.values());
    }
}
