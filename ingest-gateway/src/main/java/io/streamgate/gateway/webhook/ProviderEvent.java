package io.streamgate.gateway.webhook;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamgate.gateway.verify.VerifyScheme;

/**
 * What a provider says about its delivery, read from the places it documents: the delivery or event id (the
 * record's {@code ce_id}), the event type ({@code ce_type}) and the event's time ({@code ce_time}). Any of them may
 * be null when the provider does not send it; the caller falls back to a content hash, the source's configured
 * type and the time received.
 */
record ProviderEvent(String id, String type, OffsetDateTime time) {

    static ProviderEvent of(VerifyScheme scheme, Function<String, String> headers, JsonNode body) {
        return switch (scheme) {
            case GITHUB -> new ProviderEvent(headers.apply("X-GitHub-Delivery"),
                    prefixed("github.", headers.apply("X-GitHub-Event")), null);
            case STRIPE -> new ProviderEvent(text(body, "/id"), prefixed("stripe.", text(body, "/type")),
                    epochSeconds(body, "/created"));
            case STANDARD_WEBHOOKS -> new ProviderEvent(firstOf(headers, "webhook-id", "svix-id"),
                    text(body, "/type"), rfc3339(text(body, "/timestamp")));
            case SHOPIFY -> new ProviderEvent(headers.apply("X-Shopify-Webhook-Id"),
                    prefixed("shopify.", headers.apply("X-Shopify-Topic")),
                    rfc3339(headers.apply("X-Shopify-Triggered-At")));
            case SLACK -> new ProviderEvent(text(body, "/event_id"),
                    prefixed("slack.", text(body, "/event/type") != null ? text(body, "/event/type")
                            : text(body, "/type")), epochSeconds(body, "/event_time"));
            case HMAC_SHA256, NONE -> new ProviderEvent(null, null, null);
        };
    }

    private static String firstOf(Function<String, String> headers, String name, String fallback) {
        String value = headers.apply(name);
        return value != null ? value : headers.apply(fallback);
    }

    private static String text(JsonNode body, String pointer) {
        if (body == null) {
            return null;
        }
        JsonNode node = body.at(pointer);
        return node.isValueNode() && !node.isNull() && !node.asText().isBlank() ? node.asText() : null;
    }

    private static String prefixed(String prefix, String type) {
        return type == null || type.isBlank() ? null : prefix + type;
    }

    private static OffsetDateTime epochSeconds(JsonNode body, String pointer) {
        JsonNode node = body == null ? null : body.at(pointer);
        if (node == null || !node.canConvertToLong() || node.asLong() <= 0) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(node.asLong()).atOffset(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null; // beyond the representable years
        }
    }

    private static OffsetDateTime rfc3339(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeException e) {
            return null; // a time we cannot read is not a reason to refuse a verified delivery
        }
    }
}
