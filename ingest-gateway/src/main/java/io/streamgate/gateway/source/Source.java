package io.streamgate.gateway.source;

import java.net.URI;

import io.streamgate.core.contract.KeySpec;

/** A configured source, resolved: its id, its settings, and the parts derived from them once at start-up. */
public record Source(String id, SourceProperties properties, URI uri, KeySpec key) {

    static Source of(String id, SourceProperties properties) {
        return new Source(id, properties, URI.create("/sources/" + id), KeySpec.parse(properties.key()));
    }
}
