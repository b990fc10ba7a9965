package io.streamgate.gateway.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Standard Webhooks (and Svix, which sends the same headers with an {@code svix-} prefix): {@code webhook-id},
 * {@code webhook-timestamp} (unix seconds) and {@code webhook-signature}, a space-separated list of
 * {@code v1,<base64>}, each an HMAC-SHA256 of {@code id.timestamp.body} under the base64-decoded {@code whsec_}
 * secret. Other versions in the list (e.g. {@code v1a}, asymmetric) are ignored.
 */
final class StandardWebhooksVerifier implements SignatureVerifier {

    static final String ID = "webhook-id";
    static final String TIMESTAMP = "webhook-timestamp";
    static final String SIGNATURE = "webhook-signature";
    static final String SVIX_ID = "svix-id";
    private static final String SVIX_TIMESTAMP = "svix-timestamp";
    private static final String SVIX_SIGNATURE = "svix-signature";
    private static final String V1 = "v1,";

    private final Keys keys;
    private final Duration tolerance;

    StandardWebhooksVerifier(Keys keys, Duration tolerance) {
        this.keys = keys;
        this.tolerance = tolerance;
    }

    @Override
    public Verdict verify(SignedRequest request, Instant now) {
        boolean svix = request.header(ID) == null;
        String id = request.header(svix ? SVIX_ID : ID);
        String timestamp = request.header(svix ? SVIX_TIMESTAMP : TIMESTAMP);
        String signatureList = request.header(svix ? SVIX_SIGNATURE : SIGNATURE);
        if (id == null || timestamp == null || signatureList == null) {
            return Verdict.MISSING;
        }
        List<byte[]> signatures = new ArrayList<>();
        for (String entry : signatureList.split(" ")) {
            if (entry.startsWith(V1)) {
                byte[] signature = Codecs.base64(entry.substring(V1.length()));
                if (signature != null) {
                    signatures.add(signature);
                }
            }
        }
        Instant signedAt = Codecs.epochSeconds(timestamp);
        if (signedAt == null || signatures.isEmpty()) {
            return Verdict.MALFORMED;
        }
        if (!keys.anyMatches(signatures, Keys.ascii(id + "." + timestamp + "."), request.body())) {
            return Verdict.MISMATCH;
        }
        return Codecs.within(signedAt, now, tolerance) ? Verdict.VERIFIED : Verdict.OUTSIDE_TOLERANCE;
    }
}
