package io.streamgate.gateway.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;

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

    public static byte[] read(HttpServletRequest request, DataSize max, BodyBudget.Lease lease) throws IOException {
        long limit = max.toBytes();
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw tooLarge(max);
        }
        if (declared >= 0) {
            lease.reserve(declared);
            try (InputStream in = request.getInputStream()) {
                // the container ends the stream at the declared length: read straight into an array of its size
                return in.readNBytes((int) declared);
            }
        }
        try (InputStream in = request.getInputStream()) {
            return readChunked(in, limit, lease);
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

    private static GatewayException tooLarge(DataSize max) {
        return new GatewayException(HttpStatus.PAYLOAD_TOO_LARGE, "Body too large",
                "The body is larger than this source accepts (" + max.toBytes() + " bytes).",
                Map.of("limit", "max-body", "maxBytes", max.toBytes()));
    }
}
