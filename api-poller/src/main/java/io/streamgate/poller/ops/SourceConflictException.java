package io.streamgate.poller.ops;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 409 as {@code application/problem+json}: the source's state does not allow the action. */
class SourceConflictException extends ErrorResponseException {

    SourceConflictException(String detail) {
        super(HttpStatus.CONFLICT, ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail), null);
    }
}
