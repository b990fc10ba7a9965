package io.streamgate.gateway.verify;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import com.slack.api.app_backend.SlackSignature;
import com.standardwebhooks.Webhook;
import com.stripe.net.Webhook.Util;
import org.apache.commons.codec.digest.HmacAlgorithms;
import org.apache.commons.codec.digest.HmacUtils;

/**
 * Signs a request as each provider does, with the provider's own library where there is one (Stripe, Standard
 * Webhooks, Slack) and as the provider documents it otherwise (GitHub, Shopify: no official Java library). Shared by
 * the unit tests and the tests through the running app.
 */
public enum Signer {

    GITHUB(VerifyScheme.GITHUB, "It's a Secret to Everybody") {
        @Override
        public Map<String, String> sign(String secret, byte[] body, Instant at) {
            return Map.of("X-Hub-Signature-256",
                    "sha256=" + new HmacUtils(HmacAlgorithms.HMAC_SHA_256, secret).hmacHex(body),
                    "X-GitHub-Delivery", UUID.randomUUID().toString(), "X-GitHub-Event", "push");
        }
    },
    SHOPIFY(VerifyScheme.SHOPIFY, "shpss_test_shopify_client_secret") {
        @Override
        public Map<String, String> sign(String secret, byte[] body, Instant at) {
            return Map.of("X-Shopify-Hmac-Sha256", Base64.getEncoder().encodeToString(
                    new HmacUtils(HmacAlgorithms.HMAC_SHA_256, secret).hmac(body)),
                    "X-Shopify-Topic", "orders/create", "X-Shopify-Shop-Domain", "example.myshopify.com",
                    "X-Shopify-Webhook-Id", UUID.randomUUID().toString());
        }
    },
    HMAC_SHA256(VerifyScheme.HMAC_SHA256, "generic-test-secret") {
        @Override
        public Map<String, String> sign(String secret, byte[] body, Instant at) {
            return Map.of("X-Signature-256", "sha256=" + new HmacUtils(HmacAlgorithms.HMAC_SHA_256, secret)
                    .hmacHex(body));
        }
    },
    STRIPE(VerifyScheme.STRIPE, "whsec_test_stripe_endpoint_secret") {
        @Override
        public Map<String, String> sign(String secret, byte[] body, Instant at) {
            long t = at.getEpochSecond();
            try {
                return Map.of("Stripe-Signature", "t=" + t + ",v1="
                        + Util.computeHmacSha256(secret, t + "." + new String(body, StandardCharsets.UTF_8)));
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    },
    STANDARD_WEBHOOKS(VerifyScheme.STANDARD_WEBHOOKS, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") {
        @Override
        public Map<String, String> sign(String secret, byte[] body, Instant at) {
            String id = "msg_" + UUID.randomUUID();
            try {
                return Map.of("webhook-id", id, "webhook-timestamp", String.valueOf(at.getEpochSecond()),
                        "webhook-signature", new Webhook(secret).sign(id, at.getEpochSecond(),
                                new String(body, StandardCharsets.UTF_8)));
            } catch (com.standardwebhooks.exceptions.WebhookSigningException e) {
                throw new IllegalStateException(e);
            }
        }
    },
    SLACK(VerifyScheme.SLACK, "8f742231b10e8888abcd99yyyzzz85a5") {
        @Override
        public Map<String, String> sign(String secret, byte[] body, Instant at) {
            String timestamp = String.valueOf(at.getEpochSecond());
            return Map.of(SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP, timestamp,
                    SlackSignature.HeaderNames.X_SLACK_SIGNATURE, new SlackSignature.Generator(secret)
                            .generate(timestamp, new String(body, StandardCharsets.UTF_8)));
        }
    };

    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final VerifyScheme scheme;
    private final String secret;

    Signer(VerifyScheme scheme, String secret) {
        this.scheme = scheme;
        this.secret = secret;
    }

    /** The headers the provider sends with {@code body} signed under {@code secret} at {@code at}. */
    public abstract Map<String, String> sign(String secret, byte[] body, Instant at);

    /** Signed with the secret the test sources and {@link #verifier(String...)} use. */
    public Map<String, String> sign(byte[] body, Instant at) {
        return sign(secret, body, at);
    }

    public String secret() {
        return secret;
    }

    public boolean timestamped() {
        return this == STRIPE || this == STANDARD_WEBHOOKS || this == SLACK;
    }

    SignatureVerifier verifier(String... secrets) {
        return SignatureVerifier.of(new VerifyProperties(scheme, Arrays.stream(secrets).map(Secret::new).toList(),
                TOLERANCE, "X-Signature-256"));
    }

    SignatureVerifier verifier() {
        return verifier(secret);
    }

    /** A request as the gateway sees it: header names case-insensitive. */
    static SignedRequest request(Map<String, String> headers, byte[] body) {
        Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        return new SignedRequest(byName::get, body);
    }
}
