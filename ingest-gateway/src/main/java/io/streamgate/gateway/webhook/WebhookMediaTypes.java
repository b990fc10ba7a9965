package io.streamgate.gateway.webhook;

import io.streamgate.gateway.problem.GatewayException;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * The bodies webhook providers send: JSON ({@code application/json}, {@code application/*+json}) and forms
 * ({@code application/x-www-form-urlencoded}: GitHub's form option, Slack commands and interactions). Anything else
 * is refused with 415 before the body is read.
 */
final class WebhookMediaTypes {

    private static final MediaType JSON_SUFFIX = MediaType.parseMediaType("application/*+json");

    private WebhookMediaTypes() {
    }

    static MediaType require(String contentType, Runnable onRefusal) {
        MediaType type = parse(contentType);
        if (type == null || !(isJson(type) || MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(type))) {
            onRefusal.run();
            throw new GatewayException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                    "Webhooks are taken as application/json, application/*+json or "
                            + "application/x-www-form-urlencoded.");
        }
        return type;
    }

    static boolean isJson(MediaType type) {
        return MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type) || JSON_SUFFIX.includes(type);
    }

    private static MediaType parse(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        try {
            return MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            return null;
        }
    }
}
