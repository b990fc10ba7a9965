package io.streamgate.poller.run;

import java.net.URI;

import io.streamgate.poller.cursor.CursorState;
import io.streamgate.poller.cursor.Overlap;
import io.streamgate.poller.page.Pagination;
import io.streamgate.poller.page.Uris;
import io.streamgate.poller.source.IncrementalConfig;
import io.streamgate.poller.source.SourceConfig;

/** Where a run starts: the source's URL, its static parameters, the incremental filter, the first page. */
public final class RunPlanner {

    private final SourceConfig config;
    private final Pagination pagination;

    public RunPlanner(SourceConfig config) {
        this.config = config;
        this.pagination = Pagination.of(config.pagination());
    }

    public Pagination pagination() {
        return pagination;
    }

    /** The page a live run fetches next: where an interrupted run stopped, else a new run's first page. */
    public URI nextLive(CursorState state) {
        if (state.inProgress()) {
            return URI.create(state.nextPage());
        }
        URI base = Uris.withAll(config.url(), config.params());
        IncrementalConfig incremental = config.incremental();
        String since = incremental == null ? null
                : state.cursor() != null ? Overlap.of(incremental).minus(state.cursor())
                        : blankToNull(incremental.initial());
        if (since != null) {
            base = incremental.param().isBlank()
                    ? Uris.with(base, incremental.whereParam(), incremental.where().replace("{cursor}", since))
                    : Uris.with(base, incremental.param(), since);
        }
        return pagination.first(base);
    }

    /** The first page of a backfill of {@code [from, to)}, apart from the live cursor. */
    public URI firstBackfill(String from, String to) {
        if (!canBackfill()) {
            throw new IllegalStateException("source has no incremental cursor with backfill bounds configured");
        }
        IncrementalConfig incremental = config.incremental();
        URI base = Uris.withAll(config.url(), config.params());
        if (!incremental.backfillWhere().isBlank()) {
            base = Uris.with(base, incremental.whereParam(), fill(incremental.backfillWhere(), from, to));
        }
        for (var param : new java.util.TreeMap<>(incremental.backfillParams()).entrySet()) {
            base = Uris.with(base, param.getKey(), fill(param.getValue(), from, to));
        }
        return pagination.first(base);
    }

    public boolean canBackfill() {
        return config.incremental() != null && config.incremental().canBackfill();
    }

    private static String fill(String template, String from, String to) {
        return template.replace("{from}", from).replace("{to}", to);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
