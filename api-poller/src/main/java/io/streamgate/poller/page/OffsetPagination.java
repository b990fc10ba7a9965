package io.streamgate.poller.page;

import java.net.URI;
import java.util.Optional;

/** Offset/limit (Socrata's {@code $offset}/{@code $limit}): advances by the limit; a short page is the last. */
public record OffsetPagination(String offsetParam, String limitParam, int limit) implements Pagination {

    @Override
    public URI first(URI base) {
        return Uris.with(Uris.with(base, limitParam, String.valueOf(limit)), offsetParam, "0");
    }

    @Override
    public Optional<URI> next(PageView page) {
        if (page.recordCount() < limit) {
            return Optional.empty();
        }
        String current = Uris.param(page.uri(), offsetParam);
        long offset = current == null ? 0 : Long.parseLong(current);
        return Optional.of(Uris.with(page.uri(), offsetParam, String.valueOf(offset + page.recordCount())));
    }
}
