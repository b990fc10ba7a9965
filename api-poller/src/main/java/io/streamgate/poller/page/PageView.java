package io.streamgate.poller.page;

import java.net.URI;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What pagination needs to know about a fetched page.
 *
 * @param uri the page's URI as requested
 * @param recordCount how many records it held
 * @param headers response header values by name (case-insensitive)
 * @param body the body as JSON, or null when it is not JSON
 * @param lastRecord the fields of the page's last record by name, as the source's format reads them (null when the
 *        page is empty)
 */
public record PageView(URI uri, int recordCount, Function<String, List<String>> headers, JsonNode body,
        Function<String, String> lastRecord) {

    /** A page whose records' fields no pagination style here looks at. */
    public PageView(URI uri, int recordCount, Function<String, List<String>> headers, JsonNode body) {
        this(uri, recordCount, headers, body, null);
    }
}
