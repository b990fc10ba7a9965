package io.streamgate.e2e;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One MTA turnstile reading as the pipeline's inputs carry it: the CSV columns, or a JSON object of the same names. */
record TurnstileReading(String ca, String unit, String scp, String station, String lineName, String division,
        String date, String time, String desc, long entries, long exits) {

    static final List<String> COLUMNS = List.of("C/A", "UNIT", "SCP", "STATION", "LINENAME", "DIVISION", "DATE",
            "TIME", "DESC", "ENTRIES", "EXITS");
    static final String HEADER = String.join(",", COLUMNS);
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss");

    /** A row of the simulator's CSV feed (its values hold no commas or quotes). */
    static TurnstileReading parse(String row) {
        String[] f = row.split(",", -1);
        if (f.length != COLUMNS.size()) {
            throw new IllegalArgumentException("not an MTA row: " + row);
        }
        return new TurnstileReading(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], Long.parseLong(f[9]),
                Long.parseLong(f[10]));
    }

    /** Another reading of the same turnstile. */
    TurnstileReading at(LocalDateTime localTime, String newDesc, long newEntries, long newExits) {
        String[] dateTime = DATE_TIME.format(localTime).split(" ");
        return new TurnstileReading(ca, unit, scp, station, lineName, division, dateTime[0], dateTime[1], newDesc,
                newEntries, newExits);
    }

    LocalDateTime localTime() {
        return LocalDateTime.parse(date + " " + time, DATE_TIME);
    }

    String csv() {
        return String.join(",", values());
    }

    Map<String, String> json() {
        Map<String, String> object = new LinkedHashMap<>();
        List<String> values = values();
        for (int i = 0; i < COLUMNS.size(); i++) {
            object.put(COLUMNS.get(i), values.get(i));
        }
        return object;
    }

    /** What the mta-turnstile job deduplicates by: one audit of one turnstile. */
    List<String> businessKey() {
        return List.of(ca, unit, scp, date, time, desc);
    }

    /** The start of its hourly window: New York local time, in UTC. */
    Instant windowStart() {
        return localTime().atZone(NEW_YORK).toInstant().truncatedTo(ChronoUnit.HOURS);
    }

    private List<String> values() {
        return List.of(ca, unit, scp, station, lineName, division, date, time, desc, String.valueOf(entries),
                String.valueOf(exits));
    }
}
