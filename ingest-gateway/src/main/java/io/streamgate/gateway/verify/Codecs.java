package io.streamgate.gateway.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.apache.commons.codec.DecoderException;
import org.apache.commons.codec.binary.Hex;

/** Decoding what a caller sent: a signature that does not decode, or a timestamp that is not a number, is null. */
final class Codecs {

    private Codecs() {
    }

    static byte[] hex(String text) {
        try {
            return Hex.decodeHex(text);
        } catch (DecoderException e) {
            return null;
        }
    }

    static byte[] base64(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Unix seconds, as every timestamped scheme sends them; null if not a plain non-negative integer. */
    static Instant epochSeconds(String text) {
        if (text == null || text.isEmpty() || text.length() > 12 || !text.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Instant.ofEpochSecond(Long.parseLong(text));
    }

    /** Whether {@code signedAt} is within {@code tolerance} of {@code now}, in the past or the future. */
    static boolean within(Instant signedAt, Instant now, Duration tolerance) {
        return Duration.between(signedAt, now).abs().compareTo(tolerance) <= 0;
    }
}
