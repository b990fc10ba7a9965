package io.streamgate.poller.page;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keyset pages over a filter the provider evaluates (Socrata's {@code $where}): each next page asks for the rows
 * after the last one received, by the fields named in {@code template} ({@code {field}} takes that field of the
 * page's last record), e.g. {@code :updated_at > '{:updated_at}' OR (:updated_at = '{:updated_at}' AND :id >
 * '{:id}')} with {@code $order=:updated_at,:id}. Unlike an offset, a position that is a row's own key cannot be
 * shifted by rows updated, inserted or deleted before it while the run walks. Ends on an empty page.
 */
public record KeysetPagination(String limitParam, int limit, String param, String template) implements Pagination {

    private static final Pattern FIELD = Pattern.compile("\\{([^{}]+)}");

    @Override
    public URI first(URI base) {
        return Uris.with(base, limitParam, String.valueOf(limit));
    }

    @Override
    public Optional<URI> next(PageView page) {
        if (page.recordCount() == 0) {
            return Optional.empty();
        }
        Matcher field = FIELD.matcher(template);
        StringBuilder filter = new StringBuilder();
        while (field.find()) {
            String value = page.lastRecord().apply(field.group(1));
            if (value == null) {
                throw new IllegalStateException("pagination.keyset-where names " + field.group(1)
                        + ", which the page's last record does not have");
            }
            // SoQL string literals double their quotes
            field.appendReplacement(filter, Matcher.quoteReplacement(value.replace("'", "''")));
        }
        field.appendTail(filter);
        return Optional.of(Uris.with(page.uri(), param, filter.toString()));
    }
}
