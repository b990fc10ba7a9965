package io.streamgate.gateway.events;

import java.util.Map;

import io.streamgate.core.split.TooManyRecordsException;
import io.streamgate.gateway.problem.GatewayException;
import org.springframework.http.HttpStatus;

/**
 * The per-request record count limits: at least one record, at most the source's {@code events.max-records} (the
 * splitters stop at the first record over it, so the count of a larger body is not known).
 */
final class RecordLimits {

    private RecordLimits() {
    }

    static void requireSome(int records) {
        if (records == 0) {
            throw new GatewayException(HttpStatus.BAD_REQUEST, "No records", "The body holds no record.");
        }
    }

    static GatewayException tooMany(TooManyRecordsException e) {
        return new GatewayException(HttpStatus.BAD_REQUEST, "Too many records", "The body holds more than "
                + e.limit() + " records; this source takes at most " + e.limit() + " per request "
                + "(events.max-records). Split it into smaller requests.",
                Map.of("limit", "events.max-records", "maxRecords", e.limit()));
    }
}
