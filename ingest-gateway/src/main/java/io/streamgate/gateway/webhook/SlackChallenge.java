package io.streamgate.gateway.webhook;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Slack's {@code url_verification}: when an Events API URL is set up, Slack sends a signed
 * {@code {"type":"url_verification","challenge":...}} and expects the challenge back. It is a handshake, not an
 * event, so it never becomes a record.
 */
final class SlackChallenge {

    private SlackChallenge() {
    }

    static boolean isChallenge(JsonNode body) {
        return body != null && "url_verification".equals(body.path("type").asText())
                && body.path("challenge").isTextual();
    }

    static Map<String, Object> answer(JsonNode body) {
        return Map.of("challenge", body.path("challenge").asText());
    }
}
