package io.streamgate.poller.page;

import java.net.URI;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A cursor from the body: the value at {@code cursorPointer} goes out as {@code cursorParam} (or, when it is an
 * absolute URL, is followed as is). Done when it is absent, null or empty, or when {@code hasMorePointer} (if set)
 * is false. An empty page ends the run only when the provider gives no {@code hasMorePointer}: one that says there
 * is more after an empty page is believed, and when it gives no cursor with it (a provider that answers its first
 * page empty has no position to give) the same page is asked for again; {@code max-pages} bounds a provider that
 * never stops doing so.
 */
public record CursorPagination(String cursorParam, String cursorPointer, String hasMorePointer)
        implements Pagination {

    @Override
    public URI first(URI base) {
        return base;
    }

    @Override
    public Optional<URI> next(PageView page) {
        JsonNode body = page.body();
        if (body == null || hasMorePointer.isEmpty() && page.recordCount() == 0) {
            return Optional.empty();
        }
        if (!hasMorePointer.isEmpty() && !body.at(hasMorePointer).asBoolean(false)) {
            return Optional.empty();
        }
        JsonNode cursor = body.at(cursorPointer);
        if (cursor.isMissingNode() || cursor.isNull() || cursor.asText().isEmpty()) {
            // nothing read and more to come: ending here would end a run that has read nothing as if it had
            return hasMorePointer.isEmpty() || page.recordCount() > 0 ? Optional.empty() : Optional.of(page.uri());
        }
        String value = cursor.asText();
        if (value.startsWith("http://") || value.startsWith("https://")) {
            return Optional.of(URI.create(value));
        }
        return Optional.of(Uris.with(page.uri(), cursorParam, value));
    }
}
