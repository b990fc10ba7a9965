package io.streamgate.gateway.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Slack: {@code X-Slack-Signature: v0=<hex>}, an HMAC-SHA256 of {@code "v0:" + timestamp + ":" + body} under the
 * app's signing secret, with {@code X-Slack-Request-Timestamp} (unix seconds) refused outside the tolerance.
 */
final class SlackVerifier implements SignatureVerifier {

    static final String SIGNATURE = "X-Slack-Signature";
    static final String TIMESTAMP = "X-Slack-Request-Timestamp";
    private static final String V0 = "v0=";
    private static final String BASESTRING_VERSION = "v0:";

    private final Keys keys;
    private final Duration tolerance;

    SlackVerifier(Keys keys, Duration tolerance) {
        this.keys = keys;
        this.tolerance = tolerance;
    }

    @Override
    public Verdict verify(SignedRequest request, Instant now) {
        String value = request.header(SIGNATURE);
        String timestamp = request.header(TIMESTAMP);
        if (value == null || timestamp == null) {
            return Verdict.MISSING;
        }
        byte[] signature = value.startsWith(V0) ? Codecs.hex(value.substring(V0.length())) : null;
        Instant signedAt = Codecs.epochSeconds(timestamp);
        if (signature == null || signedAt == null) {
            return Verdict.MALFORMED;
        }
        if (!keys.anyMatches(List.of(signature), Keys.ascii(BASESTRING_VERSION + timestamp + ":"), request.body())) {
            return Verdict.MISMATCH;
        }
        return Codecs.within(signedAt, now, tolerance) ? Verdict.VERIFIED : Verdict.OUTSIDE_TOLERANCE;
    }
}
