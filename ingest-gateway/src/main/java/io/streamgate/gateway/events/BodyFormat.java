package io.streamgate.gateway.events;

import java.util.function.Function;

import io.streamgate.gateway.problem.GatewayException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** The body formats an events source takes, chosen by the request's headers. */
enum BodyFormat {

    CLOUDEVENT(CloudEventsBody::single),
    CLOUDEVENTS_BATCH(CloudEventsBody::batch),
    PUBSUB_PUSH(PubSubPushBody::parse),
    JSON(BulkJsonBody::json),
    NDJSON(BulkJsonBody::ndjson),
    CSV(CsvBody::parse);

    static final String SUPPORTED = "CloudEvents (binary mode with ce-* headers, " + CloudEventsBody.STRUCTURED
            + ", " + CloudEventsBody.BATCH + "), application/json, application/x-ndjson, text/csv";

    private final Function<EventRequest, BodyRecords> parser;

    BodyFormat(Function<EventRequest, BodyRecords> parser) {
        this.parser = parser;
    }

    BodyRecords parse(EventRequest request) {
        return parser.apply(request);
    }

    /**
     * A {@code ce-specversion} header means a CloudEvent in binary mode, whatever its content type (that is the
     * event's data content type); otherwise the media type decides, and {@code application/json} is what the
     * source says it is. Anything else is a 415.
     */
    static BodyFormat of(HttpHeaders headers, MediaType type, EventsProperties.JsonBody json) {
        if (headers.containsKey("ce-specversion")) {
            return CLOUDEVENT;
        }
        if (type != null) {
            String name = type.getType() + "/" + type.getSubtype();
            switch (name.toLowerCase()) {
                case CloudEventsBody.STRUCTURED:
                    return CLOUDEVENT;
                case CloudEventsBody.BATCH:
                    return CLOUDEVENTS_BATCH;
                case MediaType.APPLICATION_JSON_VALUE:
                    return json == EventsProperties.JsonBody.PUBSUB_PUSH ? PUBSUB_PUSH : JSON;
                case "application/x-ndjson", "application/ndjson":
                    return NDJSON;
                case CsvBody.CONTENT_TYPE:
                    return CSV;
                default:
                    break;
            }
        }
        throw new GatewayException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                "This source takes " + SUPPORTED + "; the request's Content-Type was "
                        + (type == null ? "missing" : "'" + type + "'") + ".");
    }
}
