package io.streamgate.gateway.time;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Event times as the record contract writes them ({@code ce_time}, RFC 3339): in UTC, with a year of four digits.
 * A sender's time outside that range ({@code +999999999-12-31T23:59:59-18:00}, an epoch of 10^15 seconds) has no
 * RFC 3339 form and would break the readers of the record, so it is treated as no time at all, never as an error
 * of the gateway.
 */
public final class Rfc3339 {

    private static final Instant MIN = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private Rfc3339() {
    }

    /** The same instant in UTC, or null when it lies outside the years 0000 to 9999. */
    public static OffsetDateTime utc(OffsetDateTime time) {
        Instant instant = time.toInstant();
        return instant.isBefore(MIN) || instant.isAfter(MAX) ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** An RFC 3339 / ISO offset date-time in UTC, or null when it does not parse or is out of range. */
    public static OffsetDateTime parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return utc(OffsetDateTime.parse(text));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Unix seconds in UTC, or null when out of range. */
    public static OffsetDateTime epochSeconds(long seconds) {
        try {
            return utc(Instant.ofEpochSecond(seconds).atOffset(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            return null;
        }
    }
}
