package io.streamgate.gateway.events;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.streamgate.core.contract.ContractRecord;
import io.streamgate.core.contract.EventIds;
import io.streamgate.gateway.source.Source;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * One request to an events source, read: what every body format needs to turn it into contract records.
 *
 * @param contentType the request's media type, or null when it sent none
 * @param body the raw body
 * @param receivedAt the event time of records that carry none
 * @param forwarded the request headers the source's allowlist names, copied onto every record
 * @param batchId the first of {@link #BATCH_ID_HEADERS} the client sent, trimmed, or null
 */
record EventRequest(Source source, MediaType contentType, byte[] body, HttpHeaders headers,
        OffsetDateTime receivedAt, Map<String, String> forwarded, String batchId) {

    /** Headers a client may send to make the ids of a bulk body's records {@code <value>:<index>}. */
    static final List<String> BATCH_ID_HEADERS = List.of("Idempotency-Key", "X-Request-Id");

    static EventRequest of(Source source, MediaType contentType, byte[] body, HttpHeaders headers,
            OffsetDateTime receivedAt) {
        Map<String, String> forwarded = new HashMap<>();
        for (String name : source.properties().headers()) {
            String value = headers.getFirst(name);
            if (value != null) {
                forwarded.put(name.toLowerCase(), value);
            }
        }
        return new EventRequest(source, contentType, body, headers, receivedAt, Map.copyOf(forwarded),
                batchId(headers));
    }

    private static String batchId(HttpHeaders headers) {
        for (String name : BATCH_ID_HEADERS) {
            String batchId = headers.getFirst(name);
            if (batchId != null && !batchId.isBlank()) {
                return batchId.trim();
            }
        }
        return null;
    }

    EventsProperties events() {
        return source.properties().events();
    }

    String header(String name) {
        return headers.getFirst(name);
    }

    /**
     * The {@code ce_id} of bulk record {@code index}: the request's batch id, scoped to the source, plus the index
     * when the client sent one, else a hash of source and payload, so that resending the same body yields the same ids either way.
     */
    String recordId(int index, byte[] payload) {
        return batchId != null ? EventIds.element(EventIds.scoped(source.id(), batchId), index)
                : EventIds.contentHash(source.uri().toString(), payload);
    }

    /** The source's key rule applied to a record (a JSON pointer into its view, or a request header). */
    String key(JsonNode view) {
        return source.key().extract(view, this::header);
    }

    /** A record of this source built from the request's own parts (bulk bodies and push envelopes). */
    ContractRecord record(String id, OffsetDateTime time, String contentType, byte[] payload, String key,
            Map<String, String> extraHeaders) {
        CloudEvent event = ContractRecord.event(id, source.uri(), source.properties().type(), time, contentType,
                payload).build();
        return record(event, key, extraHeaders);
    }

    ContractRecord record(CloudEvent event, String key, Map<String, String> extraHeaders) {
        Map<String, String> kafkaHeaders = forwarded; // immutable: shared by the request's records, not copied
        if (!extraHeaders.isEmpty()) {
            kafkaHeaders = new HashMap<>(forwarded);
            kafkaHeaders.putAll(extraHeaders);
        }
        return new ContractRecord(source.properties().topic(), key, event, kafkaHeaders);
    }
}
