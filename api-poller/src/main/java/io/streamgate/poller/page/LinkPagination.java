package io.streamgate.poller.page;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 8288 {@code Link} headers: follows {@code rel="next"} (resolved against the page's URI), also after an empty
 * page: the provider's link, not the page's size, says whether there is more.
 */
public record LinkPagination() implements Pagination {

    private static final Pattern LINK = Pattern.compile("<([^>]*)>((?:\\s*;\\s*[^;,]+)*)");
    private static final Pattern NEXT = Pattern.compile("(?i);\\s*rel\\s*=\\s*\"?([^\";]*)\"?");

    @Override
    public URI first(URI base) {
        return base;
    }

    @Override
    public Optional<URI> next(PageView page) {
        List<String> values = page.headers().apply("Link");
        for (String value : values == null ? List.<String>of() : values) {
            Matcher link = LINK.matcher(value);
            while (link.find()) {
                Matcher rel = NEXT.matcher(link.group(2));
                while (rel.find()) {
                    if (List.of(rel.group(1).trim().toLowerCase().split("\\s+")).contains("next")) {
                        return Optional.of(page.uri().resolve(link.group(1).trim()));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
