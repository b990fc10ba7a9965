package io.streamgate.gateway.verify;

import java.time.Instant;

/**
 * One provider's signature scheme, holding a source's secrets. A pure function: no I/O, and the current time is an
 * argument, so every scheme is unit tested against its provider's own library and published vectors.
 */
public interface SignatureVerifier {

    Verdict verify(SignedRequest request, Instant now);

    /** The verifier for a source's configuration (validated at start-up, so its secrets decode). */
    static SignatureVerifier of(VerifyProperties properties) {
        Keys keys = Keys.of(properties);
        return switch (properties.scheme()) {
            case GITHUB -> BodyHmacVerifier.github(keys);
            case SHOPIFY -> BodyHmacVerifier.shopify(keys);
            case HMAC_SHA256 -> BodyHmacVerifier.generic(properties.header(), keys);
            case STRIPE -> new StripeVerifier(keys, properties.tolerance());
            case STANDARD_WEBHOOKS -> new StandardWebhooksVerifier(keys, properties.tolerance());
            case SLACK -> new SlackVerifier(keys, properties.tolerance());
            case NONE -> (request, now) -> Verdict.VERIFIED;
        };
    }
}
