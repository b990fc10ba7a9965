package io.streamgate.dashboard.window;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a changed-windows record as the aggregator publishes it ({@code sinks.kafka}): the value is one row of the
 * job's {@code windows} table as JSON ({@code window_start}, {@code window_end}, the group-by fields, the measures;
 * null fields left out), the key the JSON of the window's bounds and group-by values. Which fields are measures is
 * the dashboard's configuration; every other field is a group-by field.
 */
public final class WindowRecords {

    static final String WINDOW_START = "window_start";
    static final String WINDOW_END = "window_end";
    private static final String WINDOW_BOUND = "window_";

    private final ObjectMapper json;

    public WindowRecords(ObjectMapper json) {
        this.json = json;
    }

    /** The update in {@code value}, or an exception naming what is wrong with it. */
    public WindowUpdate read(String job, List<String> measures, String key, String value) {
        JsonNode row = parse(value);
        Instant start = instant(row, WINDOW_START);
        Instant end = instant(row, WINDOW_END);
        Map<String, Object> group = new LinkedHashMap<>();
        Map<String, Number> values = new LinkedHashMap<>();
        measures.forEach(m -> values.put(m, null));
        row.properties().forEach(field -> {
            String name = field.getKey();
            JsonNode v = field.getValue();
            if (measures.contains(name)) {
                if (!v.isNumber() && !v.isNull()) {
                    throw new InvalidWindowException("measure '" + name + "' is not a number: " + v);
                }
                values.put(name, v.isNull() ? null : v.numberValue());
            } else if (!name.startsWith(WINDOW_BOUND)) { // UTC bounds, and local ones of zone-aligned windows
                group.put(name, v.isNumber() ? v.numberValue() : v.isNull() ? null : v.asText());
            }
        });
        String windowKey = key != null && !key.isBlank() ? key : json.valueToTree(group).toString() + start + end;
        return new WindowUpdate(job, windowKey, 0, start, end, group, values);
    }

    private JsonNode parse(String value) {
        if (value == null) {
            throw new InvalidWindowException("empty value");
        }
        try {
            JsonNode row = json.readTree(value);
            if (row == null || !row.isObject()) {
                throw new InvalidWindowException("value is not a JSON object");
            }
            return row;
        } catch (JsonProcessingException e) {
            throw new InvalidWindowException("value is not JSON: " + e.getOriginalMessage());
        }
    }

    private static Instant instant(JsonNode row, String field) {
        JsonNode v = row.get(field);
        if (v == null || !v.isTextual()) {
            throw new InvalidWindowException("'" + field + "' missing");
        }
        try {
            return Instant.parse(v.asText());
        } catch (DateTimeParseException e) {
            throw new InvalidWindowException("'" + field + "' is not an ISO-8601 instant: " + v.asText());
        }
    }

    /** A record that is no window row; the message says why. */
    public static final class InvalidWindowException extends RuntimeException {

        InvalidWindowException(String message) {
            super(message);
        }
    }
}
