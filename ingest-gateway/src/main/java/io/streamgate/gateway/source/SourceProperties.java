package io.streamgate.gateway.source;

import java.time.Duration;
import java.util.List;

import io.streamgate.gateway.auth.AuthProperties;
import io.streamgate.gateway.events.EventsProperties;
import io.streamgate.gateway.verify.VerifiableWebhook;
import io.streamgate.gateway.verify.VerifyProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * One configured source, {@code streamgate.sources.<id>}.
 *
 * @param kind {@code webhook} (third parties, verified by signature) or {@code events} (producers, by API key)
 * @param topic the Kafka topic its records go to
 * @param key where the Kafka key comes from: a JSON pointer into the record, else a request header name; empty
 *     for none
 * @param type the {@code ce_type} of its records when the request does not say (e.g. {@code mta.turnstile.reading})
 * @param maxBody the largest body accepted; larger ones get 413, chunked or not
 * @param headers HTTP headers copied to every record as Kafka headers (an allowlist, case-insensitive)
 * @param dedupWindow how long a delivery id is remembered, to answer a redelivery without a second record
 * @param verify signature verification (webhook sources)
 * @param auth authentication (events sources)
 * @param events what an events source accepts (formats, columns, schema, limits)
 */
@VerifiableWebhook
public record SourceProperties(
        @NotNull SourceKind kind,
        @NotBlank String topic,
        @DefaultValue("") String key,
        @DefaultValue("streamgate.event") @NotBlank String type,
        @DefaultValue("1MB") DataSize maxBody,
        @DefaultValue List<String> headers,
        @DefaultValue("10m") Duration dedupWindow,
        @Valid @DefaultValue VerifyProperties verify,
        @Valid @DefaultValue AuthProperties auth,
        @Valid @DefaultValue EventsProperties events) {
}
