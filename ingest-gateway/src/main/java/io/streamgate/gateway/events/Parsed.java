package io.streamgate.gateway.events;

import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamgate.core.contract.ContractRecord;

/**
 * A record ready for Kafka, with the JSON view of its payload that a schema is checked against: the JSON record
 * itself, a CSV row as an object of column name to text, or null when the payload is neither. A view can be built
 * on first use ({@link #lazy}), as most sources never look at it (no schema, no JSON-pointer key or event time) and
 * building it is a full parse of the record.
 */
final class Parsed {

    private final ContractRecord record;
    private Supplier<JsonNode> pending;
    private JsonNode view;

    Parsed(ContractRecord record, JsonNode view) {
        this.record = record;
        this.view = view;
    }

    private Parsed(ContractRecord record, Supplier<JsonNode> view) {
        this.record = record;
        this.pending = view;
    }

    /** A record whose view is built once, when {@link #view()} is first called (by the request's own thread). */
    static Parsed lazy(ContractRecord record, Supplier<JsonNode> view) {
        return new Parsed(record, view);
    }

    ContractRecord record() {
        return record;
    }

    JsonNode view() {
        if (pending != null) {
            view = pending.get();
            pending = null;
        }
        return view;
    }
}
