package io.streamgate.gateway.problem;

import java.util.Map;

import io.streamgate.core.split.MalformedBodyException;
import io.streamgate.gateway.publish.KafkaUnavailableException;
import org.eclipse.jetty.http.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;

/**
 * The problem+json answer to an exception a request ended with, the same whether Spring MVC answers it
 * ({@link ProblemAdvice}) or the ingest servlet does: a refusal ({@link ErrorResponse}, as every
 * {@link GatewayException} is) with its own status and headers; a malformed body 400; the broker being unavailable
 * 503 with {@code Retry-After} and what was stored; a part of the request the container could not read (Jetty's
 * 4xx exceptions) that 4xx; anything else a 500 that says nothing about its cause to the caller (it is logged).
 */
public final class Problems {

    private static final Logger log = LoggerFactory.getLogger(Problems.class);

    private Problems() {
    }

    /** A path that names no endpoint, in the ingest servlet's paths and Spring MVC's alike. */
    public static GatewayException unknownPath() {
        return new GatewayException(HttpStatus.NOT_FOUND, "Unknown path", "Nothing is served at this path: sources "
                + "take requests at POST /webhooks/{id} and POST /events/{id}.");
    }

    public static ResponseEntity<ProblemDetail> answer(Exception e) {
        if (e instanceof ErrorResponse refusal) {
            return ResponseEntity.status(refusal.getStatusCode()).headers(refusal.getHeaders())
                    .body(refusal.getBody());
        }
        if (e instanceof MalformedBodyException malformed) {
            return answer(new GatewayException(HttpStatus.BAD_REQUEST, "Malformed body", malformed.getMessage(),
                    malformed.index() >= 0 ? Map.of("index", malformed.index()) : Map.of()));
        }
        if (e instanceof KafkaUnavailableException unavailable) {
            return unavailable(unavailable);
        }
        HttpStatus unreadable = e instanceof HttpException container ? HttpStatus.resolve(container.getCode()) : null;
        if (unreadable != null && unreadable.is4xxClientError()) {
            // the container could not read part of the request (its URI, a header, the body)
            return answer(new GatewayException(unreadable, unreadable.getReasonPhrase(),
                    "The request could not be read: " + unreadable.getReasonPhrase() + "."));
        }
        log.error("unexpected error while handling a request", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The gateway failed to handle this request; nothing of it was acknowledged.");
        problem.setTitle("Internal error");
        return ResponseEntity.internalServerError().body(problem);
    }

    private static ResponseEntity<ProblemDetail> unavailable(KafkaUnavailableException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The event store did not take every record of this request. Records listed in 'stored' are in it, "
                        + "those in 'unconfirmed' may be; the others are not. Retry after the delay given: the "
                        + "request is safe to repeat (its records keep their ids).");
        problem.setTitle("Event store unavailable");
        e.report().forEach(problem::setProperty);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfter().toSeconds()))
                .body(problem);
    }
}
