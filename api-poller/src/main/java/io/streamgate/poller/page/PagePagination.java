package io.streamgate.poller.page;

import java.net.URI;
import java.util.Optional;

/**
 * Page numbers from {@code firstPage}, {@code limit} records a page asked for. An empty page, or the page count at
 * {@code totalPointer} reached, is the last; a short page is not (providers cap page sizes).
 */
public record PagePagination(String pageParam, String sizeParam, int limit, int firstPage, String totalPointer)
        implements Pagination {

    @Override
    public URI first(URI base) {
        return Uris.with(Uris.with(base, sizeParam, String.valueOf(limit)), pageParam, String.valueOf(firstPage));
    }

    @Override
    public Optional<URI> next(PageView page) {
        String current = Uris.param(page.uri(), pageParam);
        long number = current == null ? firstPage : Long.parseLong(current);
        long reached = number - firstPage + 1;
        if (page.recordCount() == 0 || Totals.reached(page, totalPointer, reached)) {
            return Optional.empty();
        }
        return Optional.of(Uris.with(page.uri(), pageParam, String.valueOf(number + 1)));
    }
}
