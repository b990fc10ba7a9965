package io.streamgate.gateway.webhook;

import java.time.OffsetDateTime;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamgate.gateway.time.Rfc3339;
import io.streamgate.gateway.verify.VerifyScheme;

/**
 * What a provider says about its delivery, read from the places it documents: an id that the signature covers
 * ({@code signedId}: the record's {@code ce_id}, scoped to the source), a delivery id that it does not cover
 * ({@code deliveryId}: kept beside the record, never its identity), the event type ({@code ce_type}) and the event's
 * time ({@code ce_time}). Any may be null when the provider does not send it; the caller then falls back to a hash
 * of the body, the source's configured type and the time received.
 *
 * <p>GitHub and Shopify sign the body alone: their delivery headers could be replaced by anyone holding a captured
 * body, so those records are identified by the body's hash. Stripe and Slack ids are in the signed body, which is
 * read as JSON whatever the (unsigned) {@code Content-Type} says; Standard Webhooks sign their {@code webhook-id}.
 */
record ProviderEvent(String signedId, String deliveryId, String type, OffsetDateTime time) {

    /**
     * @param headers a header's value by name, trimmed, null when absent or blank
     * @param body the body as JSON, or null when it is not JSON
     */
    static ProviderEvent of(VerifyScheme scheme, Function<String, String> headers, JsonNode body) {
        return switch (scheme) {
            case GITHUB -> new ProviderEvent(null, headers.apply("X-GitHub-Delivery"),
                    prefixed("github.", headers.apply("X-GitHub-Event")), null);
            case STRIPE -> new ProviderEvent(text(body, "/id"), null, prefixed("stripe.", text(body, "/type")),
                    epochSeconds(body, "/created"));
            case STANDARD_WEBHOOKS -> new ProviderEvent(standardWebhookId(headers), null, text(body, "/type"),
                    Rfc3339.parse(text(body, "/timestamp")));
            case SHOPIFY -> new ProviderEvent(null, headers.apply("X-Shopify-Webhook-Id"),
                    prefixed("shopify.", headers.apply("X-Shopify-Topic")),
                    Rfc3339.parse(headers.apply("X-Shopify-Triggered-At")));
            case SLACK -> new ProviderEvent(text(body, "/event_id"), null,
                    prefixed("slack.", text(body, "/event/type") != null ? text(body, "/event/type")
                            : text(body, "/type")), epochSeconds(body, "/event_time"));
            case HMAC_SHA256, NONE -> new ProviderEvent(null, null, null, null);
        };
    }

    /** The id the verifier checked: {@code webhook-id}, or Svix's {@code svix-id} when that is absent. */
    private static String standardWebhookId(Function<String, String> headers) {
        String id = headers.apply("webhook-id");
        return id != null ? id : headers.apply("svix-id");
    }

    private static String text(JsonNode body, String pointer) {
        if (body == null) {
            return null;
        }
        JsonNode node = body.at(pointer);
        return node.isValueNode() && !node.isNull() && !node.asText().isBlank() ? node.asText() : null;
    }

    private static String prefixed(String prefix, String type) {
        return type == null ? null : prefix + type;
    }

    /** A time we cannot read (or place in RFC 3339's years) is not a reason to refuse a verified delivery. */
    private static OffsetDateTime epochSeconds(JsonNode body, String pointer) {
        JsonNode node = body == null ? null : body.at(pointer);
        if (node == null || !node.canConvertToLong() || node.asLong() <= 0) {
            return null;
        }
        return Rfc3339.epochSeconds(node.asLong());
    }
}
