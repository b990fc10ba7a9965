package io.streamgate.poller.simulator;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import com.sun.net.httpserver.Headers;
import org.apache.commons.codec.digest.DigestUtils;

/** RFC 9110 conditional GET: a strong {@code ETag} of the body, {@code Last-Modified} of the feed, and 304s. */
final class Conditional {

    /** IMF-fixdate (RFC 9110 section 5.6.7): two-digit day, always GMT. */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    private Conditional() {
    }

    static SimResponse apply(SimResponse response, LocalDateTime lastPublished, Headers request) {
        String etag = "\"" + DigestUtils.sha256Hex(response.body()).substring(0, 24) + "\"";
        ZonedDateTime modified = lastPublished.atZone(Reading.NEW_YORK).withZoneSameInstant(ZoneOffset.UTC);
        SimResponse full = response.with("ETag", etag)
                .with("Last-Modified", HTTP_DATE.format(modified));
        String ifNoneMatch = request.getFirst("If-None-Match");
        if (ifNoneMatch != null) {
            return ifNoneMatch.contains(etag) ? notModified(full) : full;
        }
        String ifModifiedSince = request.getFirst("If-Modified-Since");
        if (ifModifiedSince != null) {
            try {
                ZonedDateTime since = ZonedDateTime.parse(ifModifiedSince, DateTimeFormatter.RFC_1123_DATE_TIME);
                return modified.isAfter(since) ? full : notModified(full);
            } catch (DateTimeParseException e) {
                return full;
            }
        }
        return full;
    }

    private static SimResponse notModified(SimResponse full) {
        return new SimResponse(304, full.headers(), new byte[0]);
    }
}
