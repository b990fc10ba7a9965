package io.streamgate.gateway.events;

import java.time.OffsetDateTime;
import java.util.Map;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.spring.http.CloudEventHttpUtils;
import io.streamgate.core.contract.EventIds;
import io.streamgate.core.split.JsonSplitter;
import io.streamgate.core.split.MalformedBodyException;
import org.springframework.http.MediaType;

/**
 * CloudEvents over HTTP, read with the SDK: binary mode ({@code ce-*} headers) and structured mode
 * ({@code application/cloudevents+json}) through {@link CloudEventHttpUtils}, batch mode
 * ({@code application/cloudevents-batch+json}) element by element with the SDK's JSON event format. Every event
 * keeps its own attributes and extensions; its data becomes the record's value. The contract needs a time and a
 * content type: an event without {@code time} gets the receive time, one without {@code datacontenttype} gets
 * {@code application/json} (what the JSON format implies for structured events) or, in binary mode,
 * {@code application/octet-stream}.
 */
final class CloudEventsBody {

    static final String STRUCTURED = "application/cloudevents+json";
    static final String BATCH = "application/cloudevents-batch+json";
    /** The CloudEvents extension that names a Kafka partition key (the Kafka binding's {@code partitionkey}). */
    static final String PARTITION_KEY = "partitionkey";
    /** Extensions keeping the sender's own {@code id} and {@code source} (CloudEvents extension names: a-z0-9). */
    static final String CLIENT_ID = "clientid";
    static final String CLIENT_SOURCE = "clientsource";

    private static final MediaType STRUCTURED_TYPE = MediaType.parseMediaType(STRUCTURED);
    private static final EventFormat FORMAT = EventFormatProvider.getInstance().resolveFormat(STRUCTURED);

    private CloudEventsBody() {
    }

    /** One event in binary or structured mode. */
    static BodyRecords single(EventRequest request) {
        boolean structured = request.contentType() != null
                && request.contentType().equalsTypeAndSubtype(STRUCTURED_TYPE);
        if (structured) {
            BulkJsonBody.read(request.body(), 0); // one JSON document: the SDK's reader would ignore what follows it
        }
        CloudEvent event;
        try {
            event = CloudEventHttpUtils.toReader(request.headers(), request::body).toEvent();
        } catch (RuntimeException e) {
            throw new MalformedBodyException("not a valid CloudEvent: " + reason(e), -1);
        }
        return BodyRecords.of(parsed(request, event, structured ? MediaType.APPLICATION_JSON_VALUE
                : MediaType.APPLICATION_OCTET_STREAM_VALUE, 0));
    }

    /** A JSON array of structured events, a record per event. */
    static BodyRecords batch(EventRequest request) {
        return each -> {
            int[] next = {0};
            JsonSplitter.forEachElement(request.body(), JsonPointer.empty(), request.events().maxRecords(),
                    element -> {
                        int index = next[0]++;
                        CloudEvent event;
                        try {
                            event = FORMAT.deserialize(element);
                        } catch (RuntimeException e) {
                            throw new MalformedBodyException("event " + index + " is not a valid CloudEvent: "
                                    + reason(e), index);
                        }
                        each.accept(parsed(request, event, MediaType.APPLICATION_JSON_VALUE, index));
                    });
        };
    }

    /**
     * The event as the gateway writes it: its source is the gateway's URI of the source that took it and its id is
     * scoped to that source, so that no sender can write another source's identity; what the sender said is kept
     * in the extensions {@value #CLIENT_SOURCE} and {@value #CLIENT_ID}.
     */
    private static Parsed parsed(EventRequest request, CloudEvent event, String defaultContentType, int index) {
        if (event.getId() == null || event.getId().isBlank()) { // the SDK takes "", which no id rule can scope
            throw new MalformedBodyException("event " + index + " has a blank id", index);
        }
        byte[] data = event.getData() == null ? null : event.getData().toBytes();
        String contentType = event.getDataContentType() == null ? defaultContentType : event.getDataContentType();
        JsonNode view = data != null && isJson(contentType) ? BulkJsonBody.read(data, index) : null;
        OffsetDateTime time = event.getTime() == null ? request.receivedAt()
                : EventTime.require(event.getTime(), index);
        CloudEventBuilder complete = CloudEventBuilder.v1(event)
                .withId(EventIds.scoped(request.source().id(), event.getId()))
                .withSource(request.source().uri())
                .withExtension(CLIENT_ID, event.getId())
                .withExtension(CLIENT_SOURCE, event.getSource())
                .withTime(time)
                .withDataContentType(contentType);
        if (data != null) {
            complete.withData(data); // as bytes: JSON data of a structured event is written as its JSON text
        }
        Object partitionKey = event.getExtension(PARTITION_KEY);
        String key = partitionKey != null ? partitionKey.toString() : request.key(view);
        return new Parsed(request.record(complete.build(), key, Map.of()), view);
    }

    private static boolean isJson(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.getSubtype().equals("json") || type.getSubtype().endsWith("+json");
        } catch (RuntimeException notAMediaType) {
            return false;
        }
    }

    /** The SDK's messages describe the input (a missing attribute, a bad spec version), never our internals. */
    private static String reason(RuntimeException e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? e.getMessage() : cause.getMessage();
        return message == null ? e.getClass().getSimpleName() : firstLine(message);
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
