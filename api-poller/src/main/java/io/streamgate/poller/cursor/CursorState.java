package io.streamgate.poller.cursor;

import java.util.Map;

/**
 * What a source must remember to produce every record once. Written with each page's records in the same Kafka
 * transaction, so it always describes exactly what the topic holds.
 *
 * @param cursor the incremental cursor of the last finished run (null: none yet)
 * @param nextPage the next page of the run in progress (null: no run in progress, the next run starts afresh)
 * @param runMax the largest cursor value seen by the run in progress
 * @param recent ids and cursor values of records inside the overlap window, so re-reading them produces nothing
 * @param etag the first page's {@code ETag} at the last finished fetch
 * @param lastModified the first page's {@code Last-Modified} at the last finished fetch
 * @param entities diff mode: a hash of each entity's last produced record, by entity id
 */
public record CursorState(String cursor, String nextPage, String runMax, Map<String, String> recent, String etag,
        String lastModified, Map<String, String> entities) {

    public static final CursorState EMPTY = new CursorState(null, null, null, Map.of(), null, null, Map.of());

    public CursorState {
        recent = recent == null ? Map.of() : Map.copyOf(recent);
        entities = entities == null ? Map.of() : Map.copyOf(entities);
    }

    public boolean inProgress() {
        return nextPage != null;
    }
}
