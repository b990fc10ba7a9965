package io.streamgate.gateway.problem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error Spring MVC answers (the actuator, the error page, paths outside the ingest servlet) is a problem+json
 * body. Spring MVC's own errors (unknown path, unsupported media type, wrong method) come through
 * {@link ResponseEntityExceptionHandler}, {@link GatewayException}s too; the rest as {@link Problems} answers them.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    /** Spring MVC's "no static resource" says the same as the ingest servlet's unknown path. */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        GatewayException unknown = Problems.unknownPath();
        return handleExceptionInternal(e, unknown.getBody(), headers, status, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> problem(Exception e) {
        return Problems.answer(e);
    }
}
