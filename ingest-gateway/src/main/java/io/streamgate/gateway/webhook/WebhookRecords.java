package io.streamgate.gateway.webhook;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamgate.core.contract.ContractRecord;
import io.streamgate.core.contract.EventIds;
import io.streamgate.gateway.source.Source;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Turns a verified webhook into its contract record: the body as received, the provider's delivery id as
 * {@code ce_id} (else a hash of source and body), its event type and time where it gives them, the source's key,
 * and the allowlisted request headers as Kafka headers.
 */
final class WebhookRecords {

    private WebhookRecords() {
    }

    static ContractRecord of(Source source, HttpServletRequest request, String contentType, byte[] body,
            JsonNode json, OffsetDateTime receivedAt) {
        ProviderEvent provider = ProviderEvent.of(source.properties().verify().scheme(), request::getHeader, json);
        String id = provider.id() != null ? EventIds.delivery(provider.id())
                : EventIds.contentHash(source.uri().toString(), body);
        return new ContractRecord(source.properties().topic(),
                source.key().extract(json, request::getHeader),
                ContractRecord.event(id, source.uri(),
                        provider.type() != null ? provider.type() : source.properties().type(),
                        provider.time() != null ? provider.time() : receivedAt,
                        contentType, body).build(),
                allowlisted(source.properties().headers(), request));
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
