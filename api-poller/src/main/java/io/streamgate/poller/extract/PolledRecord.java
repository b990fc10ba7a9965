package io.streamgate.poller.extract;

import java.util.function.Function;

/** One record of a page: its exact bytes as received, and a lookup of its fields by name (null when absent). */
public record PolledRecord(byte[] payload, Function<String, String> fields) {

    public String field(String name) {
        return fields.apply(name);
    }
}
