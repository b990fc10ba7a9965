package io.streamgate.gateway.events;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/** The request's media type, or null when it sent none or one that does not parse (both end in a 415). */
final class ContentTypes {

    private ContentTypes() {
    }

    static MediaType of(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return MediaType.parseMediaType(header);
        } catch (InvalidMediaTypeException e) {
            return null;
        }
    }
}
