package io.streamgate.gateway.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import io.streamgate.gateway.problem.GatewayException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

/**
 * Reads a request body as the raw bytes received (signatures are computed over them), refusing one larger than the
 * source allows with 413: by its declared length before reading, or, for a chunked body, as soon as it grows past
 * the limit. A body is never truncated.
 */
public final class BoundedBody {

    private BoundedBody() {
    }

    public static byte[] read(HttpServletRequest request, DataSize max) {
        long limit = max.toBytes();
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw tooLarge(max);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(readLength(declared, limit));
            if (body.length > limit) {
                throw tooLarge(max);
            }
            return body;
        } catch (IOException e) {
            // the client's failure, not the gateway's (a broken chunked encoding, a client gone mid-body): a 4xx,
            // which also keeps such requests out of the error log, where a flood of them would bury real errors
            throw timedOut(e) ? tooSlow() : unreadable();
        }
    }

    /** The server cut the read off: the client sent the body slower than it allows (streamgate.connections). */
    private static boolean timedOut(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static GatewayException unreadable() {
        return new GatewayException(HttpStatus.BAD_REQUEST, "Unreadable body", "The body could not be read.");
    }

    private static GatewayException tooSlow() {
        return new GatewayException(HttpStatus.REQUEST_TIMEOUT, "Request timeout",
                "The body arrived more slowly than this gateway accepts.");
    }

    /**
     * How much to ask the stream for: the declared length when there is one (the container ends the stream there),
     * so that {@link InputStream#readNBytes(int)} can read a small body straight into an array of its size instead
     * of a 16 KiB buffer and a copy; else one byte more than the limit, to see a chunked body exceed it.
     */
    static int readLength(long declared, long limit) {
        return (int) Math.min(declared >= 0 ? declared : limit + 1, Integer.MAX_VALUE - 8);
    }

    private static GatewayException tooLarge(DataSize max) {
        return new GatewayException(HttpStatus.PAYLOAD_TOO_LARGE, "Body too large",
                "The body is larger than this source accepts (" + max.toBytes() + " bytes).",
                Map.of("limit", "max-body", "maxBytes", max.toBytes()));
    }
}
