package io.streamgate.gateway.events;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A request's records, made on demand: every pass splits the body again and hands on one record at a time, in
 * order, so that the records of a large body are never all in memory at once. A pass over a body that breaks a
 * rule throws (malformed, too many records, a bad time) at the record where it does; the controller makes one
 * pass to check every record and a second to send them, so nothing of a refused body is sent.
 */
@FunctionalInterface
interface BodyRecords {

    /** Below this body size the records of the first pass are kept for the second: splitting twice costs more. */
    int KEEP_BELOW_BYTES = 256 * 1024;

    void forEach(Consumer<Parsed> each);

    static BodyRecords of(Parsed parsed) {
        return each -> each.accept(parsed);
    }

    /** These records, kept as the first pass makes them when the body is small, else made anew on each pass. */
    static BodyRecords forBody(BodyRecords records, int bodyBytes) {
        if (bodyBytes >= KEEP_BELOW_BYTES) {
            return records;
        }
        List<Parsed> kept = new ArrayList<>();
        return each -> {
            if (kept.isEmpty()) {
                records.forEach(parsed -> {
                    kept.add(parsed);
                    each.accept(parsed);
                });
            } else {
                kept.forEach(each);
            }
        };
    }
}
