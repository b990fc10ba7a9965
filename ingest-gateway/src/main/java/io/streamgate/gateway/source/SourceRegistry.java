package io.streamgate.gateway.source;

import java.util.Map;
import java.util.stream.Collectors;

import io.streamgate.gateway.problem.GatewayException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Looks sources up by id and kind; an unknown id (or one of the other kind) is a 404 for the caller. */
@Component
public class SourceRegistry {

    private final Map<String, Source> sources;

    SourceRegistry(GatewayProperties properties) {
        this.sources = properties.sources().entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> Source.of(e.getKey(), e.getValue())));
    }

    public Source require(String id, SourceKind kind) {
        Source source = sources.get(id);
        if (source == null || source.properties().kind() != kind) {
            throw new GatewayException(HttpStatus.NOT_FOUND, "Unknown source", "No " + kind.name().toLowerCase()
                    + " source is configured with the id '" + id + "'.");
        }
        return source;
    }

    public Map<String, Source> all() {
        return sources;
    }
}
