package io.streamgate.poller.extract;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.streamgate.poller.source.EventTimeConfig;

/** Reads a record's event time as configured: a pattern in a zone, ISO-8601, or epoch seconds. */
public final class EventTimes {

    private EventTimes() {
    }

    /** The event time, or null when a field is missing or the value does not parse. */
    public static Instant of(EventTimeConfig config, PolledRecord record) {
        List<String> parts = new ArrayList<>();
        for (String field : config.fields()) {
            String value = record.field(field);
            if (value == null || value.isBlank()) {
                return null;
            }
            parts.add(value.trim());
        }
        String text = String.join(" ", parts);
        ZoneId zone = ZoneId.of(config.zone());
        try {
            if (!config.pattern().isEmpty()) {
                return LocalDateTime.parse(text, DateTimeFormatter.ofPattern(config.pattern())).atZone(zone).toInstant();
            }
            return parseIso(text, zone);
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }

    /** ISO-8601 with an offset, or local (in {@code zone}), or epoch seconds. */
    public static Instant parseIso(String text, ZoneId zone) {
        if (text.matches("-?\\d+(\\.\\d+)?")) {
            BigDecimal seconds = new BigDecimal(text);
            return Instant.ofEpochSecond(seconds.longValue(),
                    seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(text).atZone(zone).toInstant();
        }
    }
}
