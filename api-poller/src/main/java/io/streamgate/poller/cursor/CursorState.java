package io.streamgate.poller.cursor;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

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
 * @param spec the source spec the rest was written under (null: written before specs were stored; such a state is
 *        taken as it is and gets the spec at its next commit)
 */
@JsonIgnoreProperties(ignoreUnknown = true) // a poller rolled back past a new field still reads the cursor
public record CursorState(String cursor, String nextPage, String runMax, Map<String, String> recent, String etag,
        String lastModified, Map<String, String> entities, SourceSpec spec) {

    public static final CursorState EMPTY = new CursorState(null, null, null, Map.of(), null, null, Map.of(), null);

    public CursorState {
        recent = recent == null ? Map.of() : Map.copyOf(recent);
        entities = entities == null ? Map.of() : Map.copyOf(entities);
    }

    /** A state that starts over under {@code spec}: the given cursor (null: none), no run in progress. */
    public static CursorState fresh(String cursor, SourceSpec spec) {
        return new CursorState(cursor, null, null, null, null, null, null, spec);
    }

    public boolean inProgress() {
        return nextPage != null;
    }

    public CursorState withSpec(SourceSpec value) {
        return new CursorState(cursor, nextPage, runMax, recent, etag, lastModified, entities, value);
    }

    /** Whether this state was written under a spec other than {@code current} (a state without one never was). */
    public boolean writtenUnderOther(SourceSpec current) {
        return spec != null && !spec.sameAs(current);
    }
}
