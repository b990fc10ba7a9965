package io.streamgate.gateway.events;

import java.util.Map;

import io.streamgate.gateway.problem.GatewayException;
import org.springframework.http.HttpStatus;

/** The per-request record count limits: at least one record, at most the source's {@code events.max-records}. */
final class RecordLimits {

    private RecordLimits() {
    }

    static void check(int records, int maxRecords) {
        if (records == 0) {
            throw new GatewayException(HttpStatus.BAD_REQUEST, "No records", "The body holds no record.");
        }
        if (records > maxRecords) {
            throw new GatewayException(HttpStatus.BAD_REQUEST, "Too many records", "The body holds " + records
                    + " records; this source takes at most " + maxRecords + " per request (events.max-records). "
                    + "Split it into smaller requests.", Map.of("limit", "events.max-records", "maxRecords",
                            maxRecords, "records", records));
        }
    }
}
