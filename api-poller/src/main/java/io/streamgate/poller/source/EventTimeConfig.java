package io.streamgate.poller.source;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where a record's event time comes from.
 *
 * @param fields the field(s) holding it; several are joined by a space (e.g. MTA's DATE and TIME)
 * @param pattern a {@link DateTimeFormatter} pattern for local times; empty: ISO-8601 (with or without offset),
 *        or epoch seconds for a number
 * @param zone the zone of local times
 */
public record EventTimeConfig(
        @NotEmpty List<String> fields,
        @DefaultValue("") String pattern,
        @DefaultValue("UTC") String zone) {

    @AssertTrue(message = "must be a valid DateTimeFormatter pattern")
    public boolean isPatternValid() {
        try {
            if (pattern != null && !pattern.isEmpty()) {
                DateTimeFormatter.ofPattern(pattern);
            }
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @AssertTrue(message = "must be a valid time zone id")
    public boolean isZoneValid() {
        try {
            ZoneId.of(zone);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
