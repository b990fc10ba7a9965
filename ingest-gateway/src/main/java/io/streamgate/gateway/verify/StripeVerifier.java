package io.streamgate.gateway.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Stripe: {@code Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>...]}, each {@code v1} an HMAC-SHA256 of
 * {@code t + "." + body} under the endpoint's secret (the whole {@code whsec_...} text). Several {@code v1} are sent
 * while Stripe rolls a secret; one match is enough. Other schemes ({@code v0}) are ignored, as Stripe's libraries do.
 * Unlike them, a timestamp too far in the future is refused as well as one too old.
 */
final class StripeVerifier implements SignatureVerifier {

    static final String HEADER = "Stripe-Signature";

    private final Keys keys;
    private final Duration tolerance;

    StripeVerifier(Keys keys, Duration tolerance) {
        this.keys = keys;
        this.tolerance = tolerance;
    }

    @Override
    public Verdict verify(SignedRequest request, Instant now) {
        String value = request.header(HEADER);
        if (value == null) {
            return Verdict.MISSING;
        }
        String timestamp = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String item : value.split(",")) {
            int eq = item.indexOf('=');
            String name = eq < 0 ? item.trim() : item.substring(0, eq).trim();
            String text = eq < 0 ? "" : item.substring(eq + 1).trim();
            if (name.equals("t")) {
                if (timestamp != null) {
                    return Verdict.MALFORMED;
                }
                timestamp = text;
            } else if (name.equals("v1")) {
                byte[] signature = Codecs.hex(text);
                if (signature != null) {
                    signatures.add(signature);
                }
            }
        }
        Instant signedAt = Codecs.epochSeconds(timestamp);
        if (signedAt == null || signatures.isEmpty()) {
            return Verdict.MALFORMED;
        }
        if (!keys.anyMatches(signatures, Keys.ascii(timestamp + "."), request.body())) {
            return Verdict.MISMATCH;
        }
        return Codecs.within(signedAt, now, tolerance) ? Verdict.VERIFIED : Verdict.OUTSIDE_TOLERANCE;
    }
}
