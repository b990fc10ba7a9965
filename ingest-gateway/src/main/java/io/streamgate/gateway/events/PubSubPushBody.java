package io.streamgate.gateway.events;

import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamgate.core.contract.EventIds;
import io.streamgate.core.split.MalformedBodyException;
import io.streamgate.gateway.time.Rfc3339;
import org.springframework.http.MediaType;

/**
 * A Google Pub/Sub push envelope ({@code {"message": {"data", "attributes", "messageId", "publishTime",
 * "orderingKey"}, "subscription"}}): one record whose value is the decoded {@code message.data}, with
 * {@code ce_id} = {@code messageId}, {@code ce_time} = {@code publishTime}, each attribute as a Kafka header and
 * the subscription in the header {@code pubsub-subscription}. The key is the message's ordering key when it has
 * one, else the source's key rule (a header name may name an attribute). The content type is
 * {@code application/json} when the data is JSON, else {@code application/octet-stream}.
 */
final class PubSubPushBody {

    static final String SUBSCRIPTION_HEADER = "pubsub-subscription";

    private PubSubPushBody() {
    }

    static BodyRecords parse(EventRequest request) {
        JsonNode envelope = BulkJsonBody.read(request.body(), 0);
        JsonNode message = envelope.path("message");
        if (!message.isObject()) {
            throw new MalformedBodyException("not a Pub/Sub push envelope: it has no 'message' object", -1);
        }
        String id = EventIds.scoped(request.source().id(), required(message, "messageId", "message_id"));
        OffsetDateTime time = publishTime(required(message, "publishTime", "publish_time"));
        byte[] data = data(message.path("data"));
        Map<String, String> headers = attributes(message.path("attributes"));
        JsonNode subscription = envelope.path("subscription");
        if (subscription.isTextual()) {
            headers.put(SUBSCRIPTION_HEADER, subscription.asText());
        }
        JsonNode view = json(data);
        String orderingKey = text(message, "orderingKey", "ordering_key");
        String key = orderingKey != null && !orderingKey.isEmpty() ? orderingKey
                : request.source().key().extract(view, name -> headers.containsKey(name) ? headers.get(name)
                        : request.header(name));
        String contentType = view == null ? MediaType.APPLICATION_OCTET_STREAM_VALUE
                : MediaType.APPLICATION_JSON_VALUE;
        return BodyRecords.of(new Parsed(request.record(id, time, contentType, data, key, headers), view));
    }

    private static String required(JsonNode message, String name, String alias) {
        String value = text(message, name, alias);
        if (value == null || value.isBlank()) {
            throw new MalformedBodyException("the Pub/Sub message has no '" + name + "'", -1);
        }
        return value;
    }

    private static String text(JsonNode message, String name, String alias) {
        JsonNode node = message.has(name) ? message.get(name) : message.path(alias);
        return node.isValueNode() ? node.asText() : null;
    }

    private static OffsetDateTime publishTime(String text) {
        OffsetDateTime time = Rfc3339.parse(text);
        if (time == null) {
            throw new MalformedBodyException("the Pub/Sub message's publishTime is not an RFC 3339 time: '" + text
                    + "'", -1);
        }
        return time;
    }

    private static byte[] data(JsonNode data) {
        if (data.isMissingNode() || data.isNull()) {
            return new byte[0];
        }
        try {
            return Base64.getDecoder().decode(data.asText());
        } catch (IllegalArgumentException e) {
            throw new MalformedBodyException("the Pub/Sub message's data is not base64", -1);
        }
    }

    /** Attributes become Kafka headers; names that would pass for the record contract's own are refused. */
    private static Map<String, String> attributes(JsonNode attributes) {
        Map<String, String> headers = new HashMap<>();
        for (Map.Entry<String, JsonNode> attribute : attributes.properties()) {
            String name = attribute.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith("ce_") || name.equals("content-type") || name.equals(SUBSCRIPTION_HEADER)) {
                throw new MalformedBodyException("the Pub/Sub attribute '" + attribute.getKey()
                        + "' would overwrite a header of the record contract", -1);
            }
            headers.put(attribute.getKey(), attribute.getValue().asText());
        }
        return headers;
    }

    private static JsonNode json(byte[] data) {
        if (data.length == 0) {
            return null;
        }
        try {
            return BulkJsonBody.read(data, 0);
        } catch (MalformedBodyException notJson) {
            return null;
        }
    }
}
