package io.streamgate.poller.ops;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 404 as {@code application/problem+json}. */
class UnknownSourceException extends ErrorResponseException {

    UnknownSourceException(String id) {
        super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no source '" + id + "'"),
                null);
    }
}
