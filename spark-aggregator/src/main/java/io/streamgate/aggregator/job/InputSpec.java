package io.streamgate.aggregator.job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where records come from and how their value is read: {@code csv} with {@code columns} (the value is one row, no
 * header) or {@code json} with {@code fields} (name: JSON path). {@code types} casts fields (Spark DDL types such as
 * {@code long}, {@code double}, {@code decimal(18,4)}); untyped fields stay strings.
 */
public record InputSpec(
        List<String> topics,
        String format,
        List<String> columns,
        Map<String, String> fields,
        Map<String, String> types) {

    /** CloudEvents Kafka headers exposed as fields of every record. */
    public static final List<String> HEADER_FIELDS = List.of("ce_id", "ce_source", "ce_type", "ce_time");

    public InputSpec {
        topics = topics == null ? List.of() : List.copyOf(topics);
        columns = columns == null ? List.of() : List.copyOf(columns);
        fields = fields == null ? Map.of() : new LinkedHashMap<>(fields);
        types = types == null ? Map.of() : new LinkedHashMap<>(types);
    }

    public boolean isCsv() {
        return "csv".equals(format);
    }

    public List<String> fieldNames() {
        return isCsv() ? columns : new ArrayList<>(fields.keySet());
    }

    public String typeOf(String field) {
        return types.getOrDefault(field, "string");
    }
}
