package io.streamgate.gateway.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import io.streamgate.gateway.problem.GatewayException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

/**
 * Reads a request body as the raw bytes received (signatures are computed over them), refusing one larger than the
 * source allows with 413: by its declared length before reading, or, for a chunked body, as soon as it grows past
 * the limit. A body is never truncated. What is read is taken from the gateway's {@link BodyBudget}: a declared
 * length before reading, a chunked body step by step as it arrives.
 */
public final class BoundedBody {

    /** The first buffer of a chunked body. */
    static final int STEP = 64 * 1024;

    private BoundedBody() {
    }

    public static byte[] read(HttpServletRequest request, DataSize max, BodyBudget.Lease lease) {
        long limit = max.toBytes();
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw tooLarge(max);
        }
        try (InputStream in = request.getInputStream()) {
            try {
                if (declared >= 0) {
                    lease.reserve(declared);
                    // the container ends the stream at the declared length: read straight into an array of its size
                    return in.readNBytes((int) declared);
                }
                return readChunked(in, limit, lease);
            } catch (GatewayException busy) {
                if (busy.getStatusCode() == HttpStatus.SERVICE_UNAVAILABLE) {
                    discard(in, limit);
                }
                throw busy;
            }
        } catch (IOException e) {
            // the client's failure, not the gateway's (a broken chunked encoding, a client gone mid-body): a 4xx,
            // which also keeps such requests out of the error log, where a flood of them would bury real errors
            throw timedOut(e) ? tooSlow() : unreadable();
        }
    }

    /**
     * Reads the rest of a body the budget refused, keeping none of it, so that the 503 reaches a client still sending
     * it: a server that answers early and closes resets the connection, and most clients then lose the answer. It
     * costs a small buffer and the upload's time, bounded by max-body and the minimum body rate.
     */
    private static void discard(InputStream in, long limit) {
        byte[] sink = new byte[8192];
        try {
            for (long total = 0; total <= limit; ) {
                int read = in.read(sink);
                if (read < 0) {
                    return;
                }
                total += read;
            }
        } catch (IOException clientGone) {
            // nothing left to answer
        }
    }

    /** A body of unknown length, in a buffer that doubles (each growth taken from the budget) up to limit + 1. */
    private static byte[] readChunked(InputStream in, long limit, BodyBudget.Lease lease) throws IOException {
        int most = (int) Math.min(limit + 1, Integer.MAX_VALUE - 8);
        byte[] body = new byte[0];
        int length = 0;
        while (true) {
            if (length == body.length) {
                int grown = (int) Math.min(Math.max(STEP, 2L * body.length), most);
                lease.reserve(grown - body.length);
                body = Arrays.copyOf(body, grown);
            }
            int read = in.read(body, length, body.length - length);
            if (read < 0) {
                return length == body.length ? body : Arrays.copyOf(body, length);
            }
            length += read;
            if (length > limit) {
                throw tooLarge(DataSize.ofBytes(limit));
            }
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

    private static GatewayException tooLarge(DataSize max) {
        return new GatewayException(HttpStatus.PAYLOAD_TOO_LARGE, "Body too large",
                "The body is larger than this source accepts (" + max.toBytes() + " bytes).",
                Map.of("limit", "max-body", "maxBytes", max.toBytes()));
    }
}
