package io.streamgate.core.contract;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * One record of the Kafka record contract (ARCHITECTURE.md): a CloudEvent whose data is exactly one record's
 * payload as received, for a topic, with an optional partition key and extra Kafka headers (e.g. allowlisted HTTP
 * headers). The event's attributes become {@code ce_*} headers through the SDK's {@code CloudEventSerializer}
 * (binary mode) when the producer record is sent.
 */
public record ContractRecord(String topic, String key, CloudEvent event, Map<String, String> headers) {

    public ContractRecord {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(event.getTime(), "ce_time is required by the contract");
        Objects.requireNonNull(event.getDataContentType(), "content-type is required by the contract");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** A builder preset with the attributes every contract record has; add subject or extensions as needed. */
    public static CloudEventBuilder event(String id, URI source, String type, OffsetDateTime time,
            String contentType, byte[] payload) {
        return CloudEventBuilder.v1()
                .withId(id)
                .withSource(source)
                .withType(type)
                .withTime(time)
                .withDataContentType(contentType)
                .withData(payload);
    }

    /** The producer record to send with a {@code CloudEventSerializer} value serializer. */
    public ProducerRecord<String, CloudEvent> toProducerRecord() {
        return toProducerRecord(Map.of());
    }

    /**
     * The producer record with the trace context of the request or poll that made it ({@code traceparent},
     * {@code tracestate}: W3C trace context, see ingest-core's RecordTracing) among its headers.
     */
    public ProducerRecord<String, CloudEvent> toProducerRecord(Map<String, String> traceHeaders) {
        RecordHeaders kafkaHeaders = new RecordHeaders();
        headers.forEach((name, value) -> kafkaHeaders.add(name, value.getBytes(StandardCharsets.UTF_8)));
        traceHeaders.forEach((name, value) -> kafkaHeaders.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(topic, null, key, event, kafkaHeaders);
    }
}
