package io.streamgate.core.contract;

import java.util.function.Function;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where a source's Kafka key comes from: a JSON pointer into the record ({@code /repository/id}) or, for any
 * other text, the name of a request header. A key that is configured but absent gives a null key (Kafka then
 * spreads the records), never an error: the key is for ordering, not for validity.
 */
public sealed interface KeySpec {

    String NONE = "";

    /** Parses the configured text: empty for no key, {@code /...} for a JSON pointer, else a header name. */
    static KeySpec parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return new None();
        }
        if (spec.startsWith("/")) {
            return new Pointer(JsonPointer.compile(spec));
        }
        return new Header(spec);
    }

    /**
     * The key for one record.
     *
     * @param record the record parsed as JSON, or null when it is not JSON
     * @param headers the request's headers by name (case-insensitive lookups are the caller's concern)
     */
    String extract(JsonNode record, Function<String, String> headers);

    record None() implements KeySpec {
        @Override
        public String extract(JsonNode record, Function<String, String> headers) {
            return null;
        }
    }

    record Pointer(JsonPointer pointer) implements KeySpec {
        @Override
        public String extract(JsonNode record, Function<String, String> headers) {
            if (record == null) {
                return null;
            }
            JsonNode node = record.at(pointer);
            return node.isMissingNode() || node.isNull() ? null : node.isValueNode() ? node.asText() : node.toString();
        }
    }

    record Header(String name) implements KeySpec {
        @Override
        public String extract(JsonNode record, Function<String, String> headers) {
            return headers.apply(name);
        }
    }
}
