package io.streamgate.aggregator.job;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small static table (CSV with a header row; a classpath resource or a file) joined by broadcast: the record's
 * field {@code on} equals the table's {@code key}; {@code columns} maps table columns to new field names. A record
 * with no match is quarantined.
 */
public record LookupSpec(String resource, String key, String on, Map<String, String> columns) {

    public LookupSpec {
        columns = columns == null ? Map.of() : new LinkedHashMap<>(columns);
    }
}
