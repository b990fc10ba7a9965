package io.streamgate.poller.page;

import java.net.URI;
import java.util.Optional;

import io.streamgate.poller.source.PaginationConfig;

/**
 * A pagination style: where a run starts and, from a fetched page, where it goes next. Pure: the next page's URI
 * is what the source's cursor stores while a run is in progress, so a restarted poller resumes exactly there.
 */
public sealed interface Pagination permits OffsetPagination, PagePagination, CursorPagination, LinkPagination,
        KeysetPagination, SinglePage {

    /** The first page of a run, given the run's base query. */
    URI first(URI base);

    /** The next page after {@code page}, or empty when the run is done. */
    Optional<URI> next(PageView page);

    static Pagination of(PaginationConfig config) {
        return switch (config.kind()) {
            case NONE -> new SinglePage();
            case OFFSET -> new OffsetPagination(config.offsetParam(), config.limitParam(), config.limit(),
                    config.totalPointer());
            case PAGE -> new PagePagination(config.pageParam(), config.limitParam(), config.limit(),
                    config.firstPage(), config.totalPointer());
            case CURSOR -> new CursorPagination(config.cursorParam(), config.cursorPointer(), config.hasMorePointer());
            case LINK -> new LinkPagination();
            case KEYSET -> new KeysetPagination(config.limitParam(), config.limit(), config.keysetParam(),
                    config.keysetWhere());
        };
    }
}
