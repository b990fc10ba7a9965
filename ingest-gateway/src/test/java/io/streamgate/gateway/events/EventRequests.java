package io.streamgate.gateway.events;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.streamgate.core.contract.KeySpec;
import io.streamgate.gateway.source.Source;
import io.streamgate.gateway.source.SourceProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** Requests to a source bound from properties exactly as the application binds them, for the parsers' unit tests. */
final class EventRequests {

    static final OffsetDateTime RECEIVED = OffsetDateTime.parse("2026-01-02T03:04:05Z");

    private EventRequests() {
    }

    static Source source(String id, String... settings) {
        Map<String, String> properties = new HashMap<>(Map.of("s.kind", "events", "s.topic", "t"));
        for (String setting : settings) {
            int eq = setting.indexOf('=');
            properties.put("s." + setting.substring(0, eq), setting.substring(eq + 1));
        }
        SourceProperties bound = new Binder(new MapConfigurationPropertySource(properties))
                .bind("s", SourceProperties.class).get();
        return new Source(id, bound, URI.create("/sources/" + id), KeySpec.parse(bound.key()));
    }

    static EventRequest request(Source source, String contentType, String body, String... headerPairs) {
        HttpHeaders headers = new HttpHeaders();
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.add(headerPairs[i], headerPairs[i + 1]);
        }
        if (contentType != null) {
            headers.set(HttpHeaders.CONTENT_TYPE, contentType);
        }
        return EventRequest.of(source, contentType == null ? null : MediaType.parseMediaType(contentType),
                body.getBytes(StandardCharsets.UTF_8), headers, RECEIVED);
    }

    /** Every record of one pass, as the controller's first pass sees them. */
    static List<Parsed> all(BodyRecords records) {
        List<Parsed> all = new ArrayList<>();
        records.forEach(all::add);
        return all;
    }

    static String value(Parsed parsed) {
        return new String(parsed.record().event().getData().toBytes(), StandardCharsets.UTF_8);
    }
}
