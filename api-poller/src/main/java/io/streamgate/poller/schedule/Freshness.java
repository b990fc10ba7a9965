package io.streamgate.poller.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamgate.poller.extract.EventTimes;

/**
 * When a feed says its data goes stale: GBFS-style {@code ttl} (+ {@code last_updated}) in the body, else
 * {@code Cache-Control: max-age} (less {@code Age}), else {@code Expires}. Null when it says nothing.
 */
public final class Freshness {

    private static final Pattern MAX_AGE = Pattern.compile("(?i)(?:^|[,\\s])(?:s-)?max-age\\s*=\\s*\"?(\\d+)");

    private Freshness() {
    }

    public static Instant staleAt(JsonNode body, String cacheControl, String age, String expires, Instant now) {
        if (body != null && body.path("ttl").canConvertToLong()) {
            Duration ttl = Duration.ofSeconds(body.path("ttl").asLong());
            JsonNode updated = body.path("last_updated");
            Instant base = now;
            if (updated.isValueNode()) {
                try {
                    base = EventTimes.parseIso(updated.asText(), ZoneOffset.UTC);
                } catch (DateTimeParseException | NumberFormatException e) {
                    base = now;
                }
            }
            Instant at = base.plus(ttl);
            return at.isAfter(now) ? at : now.plus(ttl);
        }
        if (cacheControl != null) {
            Matcher maxAge = MAX_AGE.matcher(cacheControl);
            if (maxAge.find()) {
                long seconds = Long.parseLong(maxAge.group(1));
                long aged = age != null && age.trim().matches("\\d+") ? Long.parseLong(age.trim()) : 0;
                return now.plusSeconds(Math.max(0, seconds - aged));
            }
        }
        if (expires != null) {
            try {
                return ZonedDateTime.parse(expires.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }
}
