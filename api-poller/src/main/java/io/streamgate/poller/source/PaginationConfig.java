package io.streamgate.poller.source;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the pages of one run are walked. A run ends on the provider's own signals, never on a page shorter than
 * {@code limit} (providers cap it), and after {@code maxPages} (the rest is fetched by the next run, from the saved
 * position).
 *
 * @param kind NONE (one request), OFFSET ({@code offsetParam}/{@code limitParam}, Socrata's {@code $offset} and
 *        {@code $limit}; advances by the records received, stops on an empty page or when the total at
 *        {@code totalPointer} is reached), PAGE ({@code pageParam} from {@code firstPage}, {@code limitParam}
 *        as page size; stops on an empty page or at the page count at {@code totalPointer}), CURSOR (JSON bodies
 *        only: the next cursor is at {@code cursorPointer} and goes out as {@code cursorParam}; a URL there is
 *        followed as is; stops when it is absent or {@code hasMorePointer} is false; an empty page stops it only
 *        without a {@code hasMorePointer}), LINK (follows {@code Link: <...>; rel="next"}, also after an empty page),
 *        KEYSET ({@code limitParam} as page size; each next page sets {@code keysetParam} to {@code keysetWhere}
 *        filled with the fields of the last record received; stops on an empty page)
 * @param totalPointer OFFSET: JSON pointer to the query's record count; PAGE: to its page count; empty: none
 * @param keysetWhere KEYSET: the filter for the rows after the last one, {@code {field}} standing for that
 *        record's field, e.g. {@code :updated_at > '{:updated_at}' OR (:updated_at = '{:updated_at}' AND :id >
 *        '{:id}')}
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
        @Min(1) @DefaultValue("1000") int maxPages,
        @DefaultValue("") String totalPointer,
        @DefaultValue("$where") String keysetParam,
        @DefaultValue("") String keysetWhere) {

    public enum Kind { NONE, OFFSET, PAGE, CURSOR, LINK, KEYSET }

    @AssertTrue(message = "kind keyset needs keyset-where: the filter for the rows after the last one received")
    public boolean isKeysetComplete() {
        return kind != Kind.KEYSET || keysetWhere != null && !keysetWhere.isBlank();
    }

    @AssertTrue(message = "cursor-pointer, has-more-pointer and total-pointer must be JSON pointers starting with '/'")
    public boolean isPointersValid() {
        return (cursorPointer == null || cursorPointer.startsWith("/"))
                && (hasMorePointer == null || hasMorePointer.isEmpty() || hasMorePointer.startsWith("/"))
                && (totalPointer == null || totalPointer.isEmpty() || totalPointer.startsWith("/"));
    }
}
