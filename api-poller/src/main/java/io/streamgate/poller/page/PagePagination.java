package io.streamgate.poller.page;

import java.net.URI;
import java.util.Optional;

/** Page numbers from {@code firstPage}, {@code limit} records a page; a short page is the last. */
public record PagePagination(String pageParam, String sizeParam, int limit, int firstPage) implements Pagination {

    @Override
    public URI first(URI base) {
        return Uris.with(Uris.with(base, sizeParam, String.valueOf(limit)), pageParam, String.valueOf(firstPage));
    }

    @Override
    public Optional<URI> next(PageView page) {
        if (page.recordCount() < limit) {
            return Optional.empty();
        }
        String current = Uris.param(page.uri(), pageParam);
        long number = current == null ? firstPage : Long.parseLong(current);
        return Optional.of(Uris.with(page.uri(), pageParam, String.valueOf(number + 1)));
    }
}
