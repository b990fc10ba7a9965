package io.streamgate.gateway.verify;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code streamgate.sources.<id>.verify}: the signature scheme and its secrets. A webhook source must name its
 * scheme ({@code none} included, so that accepting unsigned requests is always a decision); see
 * {@link VerifiableWebhook} for the rules checked at start-up.
 *
 * @param scheme the provider's scheme: {@code github}, {@code stripe}, {@code standard-webhooks}, {@code shopify},
 *     {@code slack}, {@code hmac-sha256} or {@code none}
 * @param secrets every secret currently valid (several at once while one is being rotated); Standard Webhooks
 *     secrets are {@code whsec_} followed by base64
 * @param tolerance how far a signed timestamp may be from now, in the past or the future (Stripe, Standard
 *     Webhooks, Slack)
 * @param header the header that carries the signature, for {@code hmac-sha256} ({@code sha256=<hex>} or
 *     {@code <hex>} of the HMAC-SHA256 of the body)
 */
public record VerifyProperties(
        VerifyScheme scheme,
        @DefaultValue List<Secret> secrets,
        @DefaultValue("5m") @DurationMin(seconds = 1) Duration tolerance,
        @DefaultValue("X-Signature-256") @NotBlank String header) {
}
