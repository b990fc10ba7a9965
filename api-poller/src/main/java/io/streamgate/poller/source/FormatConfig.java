package io.streamgate.poller.source;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param kind JSON (an array at {@code records}), NDJSON, or CSV
 * @param records JSON pointer to the records array ("" when the body is the array); a {@code *} segment stands for
 *        every element or member there, e.g. {@code /data/*}{@code /items} for the items of every entry of data
 * @param header whether a CSV body starts with a header row (field names then come from it)
 * @param columns CSV column names when the body has no header row
 */
public record FormatConfig(
        @NotNull @DefaultValue("JSON") Kind kind,
        @NotNull @DefaultValue("") String records,
        @DefaultValue("true") boolean header,
        java.util.List<String> columns) {

    public enum Kind { JSON, NDJSON, CSV }

    public FormatConfig {
        columns = columns == null ? java.util.List.of() : java.util.List.copyOf(columns);
    }

    @AssertTrue(message = "must be empty or a JSON pointer starting with '/'")
    public boolean isRecordsPointer() {
        return records == null || records.isEmpty() || records.startsWith("/");
    }
}
