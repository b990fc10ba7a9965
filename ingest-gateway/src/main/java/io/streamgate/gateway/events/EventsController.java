package io.streamgate.gateway.events;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.streamgate.core.contract.ContractRecord;
import io.streamgate.core.contract.EventIds;
import io.streamgate.gateway.http.BoundedBody;
import io.streamgate.gateway.metrics.SourceMetrics;
import io.streamgate.gateway.publish.KafkaPublisher;
import io.streamgate.gateway.source.Source;
import io.streamgate.gateway.source.SourceKind;
import io.streamgate.gateway.source.SourceRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /events/{id}}: a raw body becomes one contract record, acknowledged once Kafka holds it. */
@RestController
class EventsController {

    private final SourceRegistry sources;
    private final KafkaPublisher publisher;
    private final SourceMetrics metrics;

    EventsController(SourceRegistry sources, KafkaPublisher publisher, SourceMetrics metrics) {
        this.sources = sources;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    @PostMapping(path = "/events/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Object> accept(@PathVariable String id, HttpServletRequest request) throws IOException {
        Source source = sources.require(id, SourceKind.EVENTS);
        metrics.received(id);
        byte[] body = BoundedBody.read(request, source.properties().maxBody());
        String contentType = request.getContentType() == null ? "application/octet-stream" : request.getContentType();
        String eventId = EventIds.contentHash(source.uri().toString(), body);
        ContractRecord record = new ContractRecord(source.properties().topic(),
                source.key().extract(null, request::getHeader),
                ContractRecord.event(eventId, source.uri(), source.properties().type(),
                        OffsetDateTime.now(ZoneOffset.UTC), contentType, body).build(),
                Map.of());
        publisher.publish(id, List.of(record));
        return Map.of("accepted", 1, "ids", List.of(eventId));
    }
}
