package io.streamgate.dashboard.health;

import java.net.URI;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One service's state at its last poll.
 *
 * @param state {@code UP}, {@code DOWN}, {@code OUT_OF_SERVICE}, ... as the service's actuator says; {@code UP} for
 *     a 2xx answer that is no actuator health document; {@code DOWN} when it answers otherwise or not at all
 * @param detail why it is not up (the HTTP status or the connection error), or empty
 */
public record ServiceStatus(String service, URI url, String state, String detail, Instant checkedAt) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** From an answer: its HTTP status and body. */
    static ServiceStatus answered(String service, URI url, int httpStatus, String body, Instant at) {
        if (httpStatus / 100 != 2) {
            // an actuator health endpoint answers 503 with its status when the service is down
            String state = actuatorStatus(body);
            return new ServiceStatus(service, url, state == null ? "DOWN" : state, "HTTP " + httpStatus, at);
        }
        String state = actuatorStatus(body);
        return new ServiceStatus(service, url, state == null ? "UP" : state, "", at);
    }

    /** No answer: refused, timed out, unreachable. */
    static ServiceStatus unreachable(String service, URI url, Exception error, Instant at) {
        String reason = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return new ServiceStatus(service, url, "DOWN", "no answer: " + reason, at);
    }

    private static String actuatorStatus(String body) {
        try {
            JsonNode status = JSON.readTree(body).path("status");
            return status.isTextual() ? status.asText() : null;
        } catch (java.io.IOException | RuntimeException e) {
            return null; // not JSON: e.g. the aggregator's Prometheus text
        }
    }
}
