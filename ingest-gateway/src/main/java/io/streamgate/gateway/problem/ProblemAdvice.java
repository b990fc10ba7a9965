package io.streamgate.gateway.problem;

import io.streamgate.core.split.MalformedBodyException;
import io.streamgate.gateway.publish.KafkaUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error the gateway answers is a problem+json body. Spring MVC's own errors (unknown path, unsupported media
 * type, wrong method) come through {@link ResponseEntityExceptionHandler}; ours are {@link GatewayException}s; the
 * broker being unavailable is a 503 with {@code Retry-After}; anything else is a 500 that says nothing about its
 * cause to the caller (it is logged).
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(MalformedBodyException.class)
    ResponseEntity<ProblemDetail> malformed(MalformedBodyException e) {
        GatewayException problem = new GatewayException(HttpStatus.BAD_REQUEST, "Malformed body", e.getMessage(),
                e.index() >= 0 ? java.util.Map.of("index", e.index()) : java.util.Map.of());
        return ResponseEntity.of(problem.getBody()).build();
    }

    @ExceptionHandler(KafkaUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(KafkaUnavailableException e) {
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

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("unexpected error while handling a request", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The gateway failed to handle this request; nothing of it was acknowledged.");
        problem.setTitle("Internal error");
        return ResponseEntity.internalServerError().body(problem);
    }
}
