package io.streamgate.aggregator.batch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Where a micro-batch's time went: the milliseconds since the previous lap, by the name of the step that ended. */
final class PhaseClock {

    private final long started = System.nanoTime();
    private final Map<String, Long> laps = new LinkedHashMap<>();
    private long last = started;

    void lap(String step) {
        long now = System.nanoTime();
        laps.put(step, (now - last) / 1_000_000);
        last = now;
    }

    long total() {
        return (last - started) / 1_000_000;
    }

    @Override
    public String toString() {
        return laps.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }
}
