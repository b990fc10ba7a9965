package io.streamgate.poller.fetch;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.List;

/**
 * A response worth reading: 2xx, 304 when the request was conditional, or an error status the source's
 * {@code on-status} ignores.
 */
public record FetchResponse(URI uri, int status, HttpHeaders headers, byte[] body) {

    public boolean notModified() {
        return status == 304;
    }

    /** An error status to take as the end of the run, without reading its body. */
    public boolean ignored() {
        return status >= 400;
    }

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    public List<String> headerValues(String name) {
        return headers.allValues(name);
    }
}
