package io.streamgate.poller.source;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the pages of one run are walked. Every style stops on an empty page and after {@code maxPages} (the rest
 * is fetched by the next run, from the saved position).
 *
 * @param kind NONE (one request), OFFSET ({@code offsetParam}/{@code limitParam}, Socrata's {@code $offset} and
 *        {@code $limit}; stops on a short page), PAGE ({@code pageParam} from {@code firstPage}, {@code limitParam}
 *        as page size; stops on a short page), CURSOR (the next cursor is at {@code cursorPointer} in the body and
 *        goes out as {@code cursorParam}; a URL there is followed as is; stops when it is absent or
 *        {@code hasMorePointer} is false), LINK (follows {@code Link: <...>; rel="next"})
 */
public record PaginationConfig(
        @NotNull @DefaultValue("NONE") Kind kind,
        @Min(1) @DefaultValue("100") int limit,
        @DefaultValue("$limit") String limitParam,
        @DefaultValue("$offset") String offsetParam,
        @DefaultValue("page") String pageParam,
        @Min(0) @DefaultValue("1") int firstPage,
        @DefaultValue("cursor") String cursorParam,
        @DefaultValue("/next_cursor") String cursorPointer,
        @DefaultValue("") String hasMorePointer,
        @Min(1) @DefaultValue("1000") int maxPages) {

    public enum Kind { NONE, OFFSET, PAGE, CURSOR, LINK }

    @AssertTrue(message = "cursor-pointer and has-more-pointer must be JSON pointers starting with '/'")
    public boolean isPointersValid() {
        return (cursorPointer == null || cursorPointer.startsWith("/"))
                && (hasMorePointer == null || hasMorePointer.isEmpty() || hasMorePointer.startsWith("/"));
    }
}
