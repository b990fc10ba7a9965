package io.streamgate.core.contract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.apache.commons.codec.digest.DigestUtils;

/**
 * The deterministic {@code ce_id} rules of the record contract: the same delivery sent twice yields the same id,
 * so every retry is safe and the aggregator can drop the copy.
 */
public final class EventIds {

    private EventIds() {
    }

    /** The provider's own delivery or event id ({@code X-GitHub-Delivery}, Stripe {@code id}, {@code webhook-id}...). */
    public static String delivery(String providerId) {
        if (providerId == null || providerId.isBlank()) {
            throw new IllegalArgumentException("a provider id must not be blank");
        }
        return providerId;
    }

    /**
     * An id a sender chose (a CloudEvent's {@code id}, a Pub/Sub {@code messageId}, an {@code Idempotency-Key}, a
     * provider's delivery id), scoped to the source that took it: {@code <sourceId>/<id>}. Senders of one source
     * cannot then write, or pre-empt, an id of another source in a topic they share.
     */
    public static String scoped(String sourceId, String senderId) {
        return sourceId + "/" + delivery(senderId);
    }

    /** The element at {@code index} (0-based) of a batch whose request or delivery id is {@code batchId}. */
    public static String element(String batchId, int index) {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0");
        }
        return delivery(batchId) + ":" + index;
    }

    /** SHA-256 (hex) of source and payload, for records that carry no id of their own. */
    public static String contentHash(String source, byte[] payload) {
        MessageDigest digest = DigestUtils.getSha256Digest();
        digest.update(source.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0); // separator: ("ab","c") and ("a","bc") must not collide
        digest.update(payload);
        return org.apache.commons.codec.binary.Hex.encodeHexString(digest.digest());
    }
}
