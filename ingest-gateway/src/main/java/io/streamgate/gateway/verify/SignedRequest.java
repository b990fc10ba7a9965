package io.streamgate.gateway.verify;

import java.util.function.Function;

/**
 * What a signature is checked against: the body exactly as received and the request's headers.
 *
 * @param headers a header's value by name, case-insensitively (null when absent)
 * @param body the raw body bytes, never re-serialised
 */
public record SignedRequest(Function<String, String> headers, byte[] body) {

    String header(String name) {
        String value = headers.apply(name);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
