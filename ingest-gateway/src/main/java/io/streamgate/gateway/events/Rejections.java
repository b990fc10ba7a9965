package io.streamgate.gateway.events;

import io.streamgate.core.split.MalformedBodyException;
import io.streamgate.gateway.publish.KafkaUnavailableException;
import org.springframework.web.ErrorResponse;

/**
 * The {@code reason} tag of {@code streamgate.requests.rejected}: a short, bounded name for why, the same names as
 * the webhooks use where the reason is the same ({@code media-type}, {@code too-large}, {@code malformed}).
 */
final class Rejections {

    private Rejections() {
    }

    static String reason(RuntimeException e) {
        if (e instanceof MalformedBodyException) {
            return "malformed";
        }
        if (e instanceof KafkaUnavailableException) {
            return "kafka-unavailable";
        }
        if (e instanceof ErrorResponse problem) {
            return switch (problem.getStatusCode().value()) {
                case 401 -> "unauthorized";
                case 413 -> "too-large";
                case 415 -> "media-type";
                case 429 -> "rate-limited";
                default -> slug(problem);
            };
        }
        return "error";
    }

    /** The last segment of the problem type, e.g. {@code too-many-records}, {@code invalid-records}. */
    private static String slug(ErrorResponse problem) {
        if (problem.getBody().getType() == null || problem.getBody().getType().getPath() == null) {
            return "status-" + problem.getStatusCode().value();
        }
        String type = problem.getBody().getType().getPath();
        return type.substring(type.lastIndexOf('/') + 1);
    }
}
