package io.streamgate.gateway.verify;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Schemes that sign the body alone, with HMAC-SHA256, in one header:
 * <ul>
 *   <li>GitHub: {@code X-Hub-Signature-256: sha256=<hex>};</li>
 *   <li>Shopify: {@code X-Shopify-Hmac-Sha256: <base64>};</li>
 *   <li>generic {@code hmac-sha256}: a configured header, {@code sha256=<hex>} or {@code <hex>}.</li>
 * </ul>
 * They carry no timestamp, so a replay cannot be refused here; the delivery id dedup answers it without a record.
 */
final class BodyHmacVerifier implements SignatureVerifier {

    static final String GITHUB_HEADER = "X-Hub-Signature-256";
    static final String SHOPIFY_HEADER = "X-Shopify-Hmac-Sha256";
    private static final String SHA256_PREFIX = "sha256=";

    private final String header;
    private final Function<String, byte[]> decoder;
    private final Keys keys;

    private BodyHmacVerifier(String header, Function<String, byte[]> decoder, Keys keys) {
        this.header = header;
        this.decoder = decoder;
        this.keys = keys;
    }

    static BodyHmacVerifier github(Keys keys) {
        return new BodyHmacVerifier(GITHUB_HEADER,
                value -> value.startsWith(SHA256_PREFIX) ? Codecs.hex(value.substring(SHA256_PREFIX.length())) : null,
                keys);
    }

    static BodyHmacVerifier shopify(Keys keys) {
        return new BodyHmacVerifier(SHOPIFY_HEADER, Codecs::base64, keys);
    }

    static BodyHmacVerifier generic(String header, Keys keys) {
        return new BodyHmacVerifier(header,
                value -> Codecs.hex(value.startsWith(SHA256_PREFIX) ? value.substring(SHA256_PREFIX.length()) : value),
                keys);
    }

    @Override
    public Verdict verify(SignedRequest request, Instant now) {
        String value = request.header(header);
        if (value == null) {
            return Verdict.MISSING;
        }
        byte[] signature = decoder.apply(value);
        if (signature == null) {
            return Verdict.MALFORMED;
        }
        return keys.anyMatches(List.of(signature), request.body()) ? Verdict.VERIFIED : Verdict.MISMATCH;
    }
}
