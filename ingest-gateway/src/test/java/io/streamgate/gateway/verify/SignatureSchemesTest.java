package io.streamgate.gateway.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What every scheme must do, each request signed by the provider's own library or documented recipe. */
class SignatureSchemesTest {

    // odd spacing and non-ASCII: a verifier that re-serialised or re-encoded the body would fail
    private static final byte[] BODY = "{ \"id\" : \"evt_1\",\n  \"text\":\"caf\u00e9 \u2713\" }"
            .getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-22T05:00:00Z");

    @ParameterizedTest
    @EnumSource(Signer.class)
    void acceptsTheProvidersGenuineSignature(Signer signer) {
        assertThat(signer.verifier().verify(Signer.request(signer.sign(BODY, NOW), BODY), NOW))
                .isEqualTo(Verdict.VERIFIED);
    }

    @ParameterizedTest
    @EnumSource(Signer.class)
    void rejectsATamperedBody(Signer signer) {
        byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("evt_1", "evt_2")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(signer.verifier().verify(Signer.request(signer.sign(BODY, NOW), tampered), NOW))
                .isEqualTo(Verdict.MISMATCH);
    }

    @ParameterizedTest
    @EnumSource(Signer.class)
    void rejectsASignatureMadeWithAnotherSecret(Signer signer) {
        String otherSecret = signer == Signer.STANDARD_WEBHOOKS ? "whsec_" + "b3RoZXItc2VjcmV0LW9mLTI0LWJ5dGVz"
                : "not-the-" + signer.secret();
        assertThat(signer.verifier().verify(Signer.request(signer.sign(otherSecret, BODY, NOW), BODY), NOW))
                .isEqualTo(Verdict.MISMATCH);
    }

    @ParameterizedTest
    @EnumSource(Signer.class)
    void acceptsEveryConfiguredSecretWhileOneIsRotated(Signer signer) {
        String retired = signer == Signer.STANDARD_WEBHOOKS ? "whsec_cmV0aXJlZC1zZWNyZXQtb2YtMjQtYnl0" : "retired";
        SignatureVerifier verifier = signer.verifier(retired, signer.secret());
        assertThat(verifier.verify(Signer.request(signer.sign(BODY, NOW), BODY), NOW)).isEqualTo(Verdict.VERIFIED);
        assertThat(verifier.verify(Signer.request(signer.sign(retired, BODY, NOW), BODY), NOW))
                .isEqualTo(Verdict.VERIFIED);
    }

    @ParameterizedTest
    @EnumSource(Signer.class)
    void rejectsARequestMissingAnySignedHeader(Signer signer) {
        Map<String, String> headers = signer.sign(BODY, NOW);
        for (String name : signedHeaders(signer, headers)) {
            Map<String, String> without = new HashMap<>(headers);
            without.remove(name);
            assertThat(signer.verifier().verify(Signer.request(without, BODY), NOW)).as(name)
                    .isEqualTo(Verdict.MISSING);
        }
    }

    @ParameterizedTest
    @EnumSource(Signer.class)
    void rejectsAnUndecodableSignature(Signer signer) {
        Map<String, String> headers = new HashMap<>(signer.sign(BODY, NOW));
        String name = switch (signer) {
            case GITHUB -> "X-Hub-Signature-256";
            case SHOPIFY -> "X-Shopify-Hmac-Sha256";
            case HMAC_SHA256 -> "X-Signature-256";
            case STRIPE -> "Stripe-Signature";
            case STANDARD_WEBHOOKS -> "webhook-signature";
            case SLACK -> "X-Slack-Signature";
        };
        headers.put(name, "sha1=!!not a signature!!");
        assertThat(signer.verifier().verify(Signer.request(headers, BODY), NOW)).isEqualTo(Verdict.MALFORMED);
    }

    @ParameterizedTest
    @EnumSource(value = Signer.class, names = {"STRIPE", "STANDARD_WEBHOOKS", "SLACK"})
    void rejectsAGenuineSignatureWhoseTimestampIsOutsideTheToleranceEitherWay(Signer signer) {
        Instant stale = NOW.minus(Signer.TOLERANCE).minusSeconds(1);
        Instant future = NOW.plus(Signer.TOLERANCE).plusSeconds(1);
        assertThat(signer.verifier().verify(Signer.request(signer.sign(BODY, stale), BODY), NOW))
                .isEqualTo(Verdict.OUTSIDE_TOLERANCE);
        assertThat(signer.verifier().verify(Signer.request(signer.sign(BODY, future), BODY), NOW))
                .isEqualTo(Verdict.OUTSIDE_TOLERANCE);
        assertThat(signer.verifier().verify(Signer.request(signer.sign(BODY, NOW.minus(Signer.TOLERANCE)), BODY),
                NOW)).isEqualTo(Verdict.VERIFIED);
    }

    private static java.util.Set<String> signedHeaders(Signer signer, Map<String, String> headers) {
        // headers that only describe the event (type, shop) are not part of what is verified
        return switch (signer) {
            case GITHUB -> java.util.Set.of("X-Hub-Signature-256");
            case SHOPIFY -> java.util.Set.of("X-Shopify-Hmac-Sha256");
            default -> headers.keySet();
        };
    }
}
