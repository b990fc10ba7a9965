package io.streamgate.poller.simulator;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One turnstile reading (cumulative register values) at one four-hourly audit. Its identity is (C/A, UNIT, SCP,
 * DATE, TIME), also given Socrata-style as {@code :id}; {@code :updated_at} is when this version of it was
 * published ({@code published}): an hour after the audit, or later for a correction.
 */
record Reading(long tick, int turnstileIndex, Turnstile turnstile, LocalDateTime time, String desc, long entries,
        long exits, LocalDateTime published) {

    /** A reading as first published, an hour after its audit. */
    Reading(long tick, int turnstileIndex, Turnstile turnstile, LocalDateTime time, String desc, long entries,
            long exits) {
        this(tick, turnstileIndex, turnstile, time, desc, entries, exits, time.plusHours(1));
    }

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final String CSV_HEADER = "C/A,UNIT,SCP,STATION,LINENAME,DIVISION,DATE,TIME,DESC,ENTRIES,EXITS";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter FLOATING = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS");

    String id() {
        return String.format("row-%08d-%04d", tick, turnstileIndex);
    }

    /** Socrata floating timestamp of {@code published}. */
    String updatedAt() {
        return FLOATING.format(published);
    }

    /** This reading and its version: {@code :id} and {@code :updated_at} as a poller joins them into an id. */
    String version() {
        return id() + "|" + updatedAt();
    }

    /** The provider's correction of this reading (a recovered audit's registers), republished {@code at}. */
    Reading corrected(LocalDateTime at, long entriesAdded) {
        return new Reading(tick, turnstileIndex, turnstile, time, "RECOVR AUD", entries + entriesAdded, exits, at);
    }

    Instant instant() {
        return time.atZone(NEW_YORK).toInstant();
    }

    String csv() {
        Turnstile t = turnstile;
        return String.join(",", t.ca(), t.unit(), t.scp(), t.station(), t.lineName(), t.division(),
                DATE.format(time), TIME.format(time), desc, String.valueOf(entries), String.valueOf(exits));
    }

    Map<String, Object> json() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(":id", id());
        row.put(":updated_at", updatedAt());
        row.put("c_a", turnstile.ca());
        row.put("unit", turnstile.unit());
        row.put("scp", turnstile.scp());
        row.put("station", turnstile.station());
        row.put("linename", turnstile.lineName());
        row.put("division", turnstile.division());
        row.put("date", DATE.format(time));
        row.put("time", TIME.format(time));
        row.put("desc", desc);
        // Socrata sends numbers as strings
        row.put("entries", String.valueOf(entries));
        row.put("exits", String.valueOf(exits));
        return row;
    }
}
