package io.streamgate.e2e;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** One row of the mta-turnstile {@code windows} table: an hour of one turnstile's audits of one kind. */
record Window(Instant windowStart, String ca, String unit, String scp, String station, String lineName,
        String division, String date, String desc, long entries, long exits, long readings) {

    /**
     * The windows the job must produce from these inputs, computed apart from Spark: every reading counted once by
     * its business key (a copy must equal the first), summed per hour and group.
     */
    static List<Window> expectedFrom(Collection<TurnstileReading> inputs) {
        Map<List<String>, TurnstileReading> distinct = new LinkedHashMap<>();
        for (TurnstileReading reading : inputs) {
            TurnstileReading first = distinct.putIfAbsent(reading.businessKey(), reading);
            if (first != null && !first.equals(reading)) {
                throw new IllegalArgumentException("two different readings share a key: " + first + ", " + reading);
            }
        }
        Map<List<Object>, List<TurnstileReading>> groups = distinct.values().stream().collect(Collectors.groupingBy(
                r -> List.of(r.windowStart(), r.ca(), r.unit(), r.scp(), r.station(), r.lineName(), r.division(),
                        r.date(), r.desc()), LinkedHashMap::new, Collectors.toList()));
        List<Window> windows = new ArrayList<>();
        groups.values().forEach(readings -> {
            TurnstileReading r = readings.get(0);
            windows.add(new Window(r.windowStart(), r.ca(), r.unit(), r.scp(), r.station(), r.lineName(),
                    r.division(), r.date(), r.desc(), readings.stream().mapToLong(TurnstileReading::entries).sum(),
                    readings.stream().mapToLong(TurnstileReading::exits).sum(), readings.size()));
        });
        return windows;
    }
}
