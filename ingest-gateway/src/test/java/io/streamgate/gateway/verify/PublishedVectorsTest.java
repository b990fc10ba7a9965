package io.streamgate.gateway.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import org.junit.jupiter.api.Test;

/**
 * The providers' own published examples verify, and our verdicts agree with the provider's library where one exists.
 */
class PublishedVectorsTest {

    @Test
    void githubsDocumentedExampleVerifies() {
        // docs.github.com, "Validating webhook deliveries", "Testing the webhook payload validation"
        byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = Map.of("X-Hub-Signature-256",
                "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
        SignatureVerifier verifier = Signer.GITHUB.verifier("It's a Secret to Everybody");
        assertThat(verifier.verify(Signer.request(headers, body), Instant.now())).isEqualTo(Verdict.VERIFIED);
        assertThat(verifier.verify(Signer.request(headers, "Hello, World?".getBytes(StandardCharsets.UTF_8)),
                Instant.now())).isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void standardWebhooksPublishedVectorVerifiesUnderBothHeaderFamiliesAndInAList() {
        // the example of the Standard Webhooks spec and of the reference libraries' tests (Svix's too)
        byte[] body = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
        Instant signedAt = Instant.ofEpochSecond(1614265330);
        String signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
        SignatureVerifier verifier = Signer.STANDARD_WEBHOOKS.verifier("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        Map<String, String> standard = Map.of("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                "webhook-timestamp", "1614265330", "webhook-signature", signature);
        Map<String, String> svix = Map.of("svix-id", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                "svix-timestamp", "1614265330", "svix-signature", signature);
        Map<String, String> list = Map.of("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                "webhook-timestamp", "1614265330",
                "webhook-signature", "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v1a,ignored " + signature);

        assertThat(verifier.verify(Signer.request(standard, body), signedAt)).isEqualTo(Verdict.VERIFIED);
        assertThat(verifier.verify(Signer.request(svix, body), signedAt)).isEqualTo(Verdict.VERIFIED);
        assertThat(verifier.verify(Signer.request(list, body), signedAt)).isEqualTo(Verdict.VERIFIED);
        assertThat(verifier.verify(Signer.request(standard, body), signedAt.plusSeconds(301)))
                .isEqualTo(Verdict.OUTSIDE_TOLERANCE);
    }

    @Test
    void slacksDocumentedExampleVerifiesWithinToleranceOnly() {
        // api.slack.com, "Verifying requests from Slack": the slash-command example, form-encoded
        byte[] body = ("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
                + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
                + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGl"
                + "gcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c")
                .getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = Map.of("X-Slack-Request-Timestamp", "1531420618",
                "X-Slack-Signature", "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");
        SignatureVerifier verifier = Signer.SLACK.verifier("8f742231b10e8888abcd99yyyzzz85a5");
        Instant signedAt = Instant.ofEpochSecond(1531420618);

        assertThat(verifier.verify(Signer.request(headers, body), signedAt.plusSeconds(60)))
                .isEqualTo(Verdict.VERIFIED);
        assertThat(verifier.verify(Signer.request(headers, body), signedAt.plusSeconds(301)))
                .isEqualTo(Verdict.OUTSIDE_TOLERANCE);
    }

    @Test
    void stripesLibraryAndOurVerifierAgreeOnAHeaderWithSeveralV1Signatures() throws Exception {
        String payload = "{\n  \"id\": \"evt_1\",\n  \"type\": \"customer.created\"\n}";
        Instant now = Instant.parse("2026-11-22T05:00:00Z");
        String genuine = Signer.STRIPE.sign(payload.getBytes(StandardCharsets.UTF_8), now).get("Stripe-Signature");
        String rolled = Signer.STRIPE.sign("whsec_rolled_secret", payload.getBytes(StandardCharsets.UTF_8), now)
                .get("Stripe-Signature");
        // as Stripe sends it while a secret is rolled: one t, a v1 per secret, and a v0 test-mode signature
        String header = rolled + "," + genuine.substring(genuine.indexOf("v1=")) + ",v0=6ffbb59b2300aae63f27";
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);

        assertThat(Webhook.Signature.verifyHeader(payload, header, Signer.STRIPE.secret(), 300, clock)).isTrue();
        assertThat(Signer.STRIPE.verifier().verify(Signer.request(Map.of("Stripe-Signature", header),
                payload.getBytes(StandardCharsets.UTF_8)), now)).isEqualTo(Verdict.VERIFIED);

        Clock later = Clock.offset(clock, java.time.Duration.ofSeconds(301));
        assertThatThrownBy(() -> Webhook.Signature.verifyHeader(payload, header, Signer.STRIPE.secret(), 300, later))
                .isInstanceOf(SignatureVerificationException.class);
        assertThat(Signer.STRIPE.verifier().verify(Signer.request(Map.of("Stripe-Signature", header),
                payload.getBytes(StandardCharsets.UTF_8)), later.instant())).isEqualTo(Verdict.OUTSIDE_TOLERANCE);
    }
}
