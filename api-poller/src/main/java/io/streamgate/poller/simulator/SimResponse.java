package io.streamgate.poller.simulator;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response the simulator sends: status, headers, body. */
record SimResponse(int status, Map<String, String> headers, byte[] body) {

    static SimResponse of(int status, String contentType, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        return new SimResponse(status, headers, body);
    }

    static SimResponse text(int status, String text) {
        return of(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    SimResponse with(String header, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(header, value);
        return new SimResponse(status, copy, body);
    }
}
