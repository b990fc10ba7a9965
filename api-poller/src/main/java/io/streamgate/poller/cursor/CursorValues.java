package io.streamgate.poller.cursor;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Comparator;

/**
 * Cursor values as providers send them: ISO-8601 times (with an offset or floating, like Socrata's
 * {@code :updated_at}), numbers, or opaque text. Times compare as times, numbers as numbers, the rest as text.
 */
public final class CursorValues {

    /** Socrata's floating timestamp format; used to write a shifted local time back. */
    private static final DateTimeFormatter FLOATING = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS");

    public static final Comparator<String> ORDER = CursorValues::compare;

    private CursorValues() {
    }

    public static int compare(String a, String b) {
        Instant ta = time(a);
        Instant tb = time(b);
        if (ta != null && tb != null) {
            return ta.compareTo(tb);
        }
        BigDecimal na = number(a);
        BigDecimal nb = number(b);
        if (na != null && nb != null) {
            return na.compareTo(nb);
        }
        return a.compareTo(b);
    }

    public static String max(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null || compare(a, b) >= 0 ? a : b;
    }

    /**
     * {@code value} moved back, in the same notation: by {@code time} when it is a time, by {@code number} when it
     * is a number; unchanged when it is neither.
     */
    public static String minus(String value, Duration time, BigDecimal number) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).minus(time).toInstant().toString();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(value).minus(time).format(FLOATING);
            } catch (DateTimeParseException notLocal) {
                BigDecimal numeric = number(value);
                return numeric == null || number.signum() == 0 ? value : numeric.subtract(number).toPlainString();
            }
        }
    }

    private static Instant time(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(value).toInstant(java.time.ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                return null;
            }
        }
    }

    private static BigDecimal number(String value) {
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
