package io.streamgate.poller.page;

import java.net.URI;
import java.util.Optional;

/**
 * Offset/limit (Socrata's {@code $offset}/{@code $limit}): advances by the records received. The provider's own
 * signals end a run: an empty page, or the total at {@code totalPointer} reached. A short page does not, since
 * providers cap {@code limit} below what was asked.
 */
public record OffsetPagination(String offsetParam, String limitParam, int limit, String totalPointer)
        implements Pagination {

    @Override
    public URI first(URI base) {
        return Uris.with(Uris.with(base, limitParam, String.valueOf(limit)), offsetParam, "0");
    }

    @Override
    public Optional<URI> next(PageView page) {
        String current = Uris.param(page.uri(), offsetParam);
        long offset = current == null ? 0 : Long.parseLong(current);
        long reached = offset + page.recordCount();
        if (page.recordCount() == 0 || Totals.reached(page, totalPointer, reached)) {
            return Optional.empty();
        }
        return Optional.of(Uris.with(page.uri(), offsetParam, String.valueOf(reached)));
    }
}
