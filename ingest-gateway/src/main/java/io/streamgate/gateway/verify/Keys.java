package io.streamgate.gateway.verify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

import javax.crypto.Mac;

import org.apache.commons.codec.digest.HmacAlgorithms;
import org.apache.commons.codec.digest.HmacUtils;

/**
 * A source's HMAC-SHA256 keys (several while a secret is rotated) and the one way signatures are compared: the
 * expected MAC is computed over the signed bytes and compared in constant time with {@link MessageDigest#isEqual}.
 * Never printed: {@link #toString()} hides the keys.
 */
final class Keys {

    static final String WHSEC_PREFIX = "whsec_";

    /** Per key, a source of MACs initialised with it. */
    private final List<Supplier<Mac>> keys;

    private Keys(List<Supplier<Mac>> keys) {
        this.keys = keys;
    }

    static Keys of(VerifyProperties properties) {
        return new Keys(properties.secrets().stream().map(secret -> macs(decode(properties.scheme(), secret)))
                .toList());
    }

    /**
     * Copies of a MAC initialised once with the key, where the provider can copy one (the JDK's can): looking the
     * algorithm up and deriving the inner and outer pads for every request costs more than the MAC of a small body.
     */
    static Supplier<Mac> macs(byte[] key) {
        Mac prototype = HmacUtils.getInitializedMac(HmacAlgorithms.HMAC_SHA_256, key);
        try {
            prototype.clone();
        } catch (CloneNotSupportedException e) {
            return () -> HmacUtils.getInitializedMac(HmacAlgorithms.HMAC_SHA_256, key);
        }
        return () -> {
            try {
                return (Mac) prototype.clone();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("a MAC that could be copied once cannot be copied now", e);
            }
        };
    }

    /**
     * A configured secret as key bytes: Standard Webhooks secrets are base64 (after an optional {@code whsec_});
     * every other provider uses the secret's text as it is (Stripe's {@code whsec_...} included).
     *
     * @throws IllegalArgumentException if a Standard Webhooks secret is not base64
     */
    static byte[] decode(VerifyScheme scheme, Secret secret) {
        String text = secret.value();
        if (scheme == VerifyScheme.STANDARD_WEBHOOKS) {
            return Base64.getDecoder().decode(text.startsWith(WHSEC_PREFIX) ? text.substring(WHSEC_PREFIX.length())
                    : text);
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether any key's HMAC-SHA256 of {@code signed} (the parts in order) equals any of {@code candidates}. */
    boolean anyMatches(List<byte[]> candidates, byte[]... signed) {
        for (Supplier<Mac> key : keys) {
            byte[] expected = hmac(key.get(), signed);
            for (byte[] candidate : candidates) {
                if (MessageDigest.isEqual(expected, candidate)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static byte[] hmac(Mac mac, byte[]... parts) {
        for (byte[] part : parts) {
            mac.update(part);
        }
        return mac.doFinal();
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return keys.size() + " key(s)";
    }
}
