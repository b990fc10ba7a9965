package io.streamgate.gateway.webhook;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.streamgate.core.contract.ContractRecord;
import io.streamgate.core.contract.EventIds;
import io.streamgate.gateway.source.Source;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Turns a verified webhook into its contract record: the body as received; as {@code ce_id} the id the signature
 * covers, scoped to the source ({@code <source>/<id>}), else the SHA-256 of source and body; an unsigned delivery
 * id only as the extension {@value #DELIVERY_ID}; the event type and time where the provider gives them, the
 * source's key, and the allowlisted request headers as Kafka headers.
 */
final class WebhookRecords {

    /** CloudEvents extension keeping a delivery id the signature does not cover (GitHub, Shopify). */
    static final String DELIVERY_ID = "deliveryid";

    private WebhookRecords() {
    }

    static ContractRecord of(Source source, HttpServletRequest request, String contentType, byte[] body,
            JsonNode json, OffsetDateTime receivedAt) {
        Function<String, String> headers = name -> present(request.getHeader(name));
        ProviderEvent provider = ProviderEvent.of(source.properties().verify().scheme(), headers, json);
        String id = provider.signedId() != null ? EventIds.scoped(source.id(), provider.signedId())
                : EventIds.contentHash(source.uri().toString(), body);
        CloudEventBuilder event = ContractRecord.event(id, source.uri(),
                provider.type() != null ? provider.type() : source.properties().type(),
                provider.time() != null ? provider.time() : receivedAt, contentType, body);
        if (provider.deliveryId() != null) {
            event.withExtension(DELIVERY_ID, provider.deliveryId());
        }
        return new ContractRecord(source.properties().topic(), source.key().extract(json, request::getHeader),
                event.build(), allowlisted(source.properties().headers(), request));
    }

    /** A header's value trimmed, as the verifiers read it; null when absent or blank. */
    private static String present(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Map<String, String> allowlisted(List<String> names, HttpServletRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : names) {
            List<String> values = Collections.list(request.getHeaders(name));
            if (!values.isEmpty()) {
                headers.put(name, String.join(",", values));
            }
        }
        return headers;
    }
}
