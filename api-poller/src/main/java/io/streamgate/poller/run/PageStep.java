package io.streamgate.poller.run;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.streamgate.poller.cursor.CursorState;
import io.streamgate.poller.cursor.CursorValues;
import io.streamgate.poller.cursor.Overlap;

/**
 * The pure part of a page: which records to produce and the cursor state to commit with them.
 *
 * <p>Overlap: a record already produced inside the overlap window (same id, same cursor value) is skipped. While
 * a run goes on nothing in the window it asked for (up to the saved cursor) is forgotten, and neither is a record
 * of the page before (the last one that held records), whatever its value: a row inserted before an offset walk's
 * position pushes the previous page's last rows onto the next one. What the run reads above the saved cursor is
 * kept within the overlap of its maximum, so the state stays as small as the windows. Diff: records whose entity's hash is unchanged are skipped. The
 * run's largest cursor value becomes the source's cursor when the run ends.
 */
public final class PageStep {

    /** A record as the step sees it: ce_id, entity id (diff), cursor value, payload hash. */
    public record Item(String ceId, String entity, String cursorValue, String hash) {
    }

    /** What to produce (indexes into the page's items) and the state to commit with it. */
    public record Result(List<Integer> produce, CursorState state) {
    }

    private PageStep() {
    }

    /**
     * @param firstPage whether this page started the run (its validators are the ones kept)
     * @param next the next page, or null when the run ends here
     */
    public static Result apply(CursorState state, List<Item> items, URI next, boolean firstPage, String etag,
            String lastModified, Overlap overlap, boolean diff) {
        List<Integer> produce = new ArrayList<>();
        Map<String, String> recent = new HashMap<>(state.recent());
        Map<String, String> entities = new HashMap<>(state.entities());
        String runMax = state.runMax();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            if (item.cursorValue() != null) {
                runMax = CursorValues.max(runMax, item.cursorValue());
            }
            if (overlap.active() && item.cursorValue() != null && item.cursorValue().equals(recent.get(item.ceId()))) {
                continue;
            }
            if (diff && item.entity() != null && item.hash().equals(entities.get(item.entity()))) {
                continue;
            }
            produce.add(i);
            if (diff && item.entity() != null) {
                entities.put(item.entity(), item.hash());
            }
            if (overlap.active() && item.cursorValue() != null) {
                recent.put(item.ceId(), item.cursorValue());
            }
        }
        String high = CursorValues.max(state.cursor(), runMax);
        // an empty page in the middle of a run read nothing new: what it would forget may still come round again
        if (overlap.active() && high != null && !(items.isEmpty() && next != null)) {
            // kept down to the floor itself, in case the provider's filter includes it (>=)
            String floor = overlap.minus(high);
            Set<String> thisPage = new HashSet<>();
            if (next != null) {
                items.forEach(item -> thisPage.add(item.ceId()));
            }
            // while the run goes on, the window it asked for, up to the saved cursor: a newer value met early in
            // the walk (a corrected row) must not make it forget what the rest of that window still brings again.
            // Values above the saved cursor are the run's own and go as its maximum rises, so that a long catch-up
            // run keeps its latest window, not all it has read
            String saved = state.cursor();
            String band = next != null && saved != null ? overlap.minus(saved) : null;
            recent.entrySet().removeIf(entry -> CursorValues.compare(entry.getValue(), floor) < 0
                    && !thisPage.contains(entry.getKey())
                    && !(band != null && CursorValues.compare(entry.getValue(), band) >= 0
                            && CursorValues.compare(entry.getValue(), saved) <= 0));
        }
        CursorState nextState = next != null
                ? new CursorState(state.cursor(), next.toString(), runMax, recent,
                        firstPage ? etag : state.etag(), firstPage ? lastModified : state.lastModified(), entities,
                        state.spec())
                : new CursorState(high, null, null, recent, firstPage ? etag : state.etag(),
                        firstPage ? lastModified : state.lastModified(), entities, state.spec());
        return new Result(produce, nextState);
    }
}
