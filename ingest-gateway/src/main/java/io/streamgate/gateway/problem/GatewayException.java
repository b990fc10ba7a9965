package io.streamgate.gateway.problem;

import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request the gateway refuses, answered as {@code application/problem+json} (RFC 9457). The detail is written for
 * the caller and must never carry a secret or an internal exception message.
 */
public class GatewayException extends ErrorResponseException {

    private static final long serialVersionUID = 1L;

    public GatewayException(HttpStatus status, String title, String detail) {
        this(status, title, detail, Map.of());
    }

    public GatewayException(HttpStatus status, String title, String detail, Map<String, Object> properties) {
        super(status, problem(status, title, detail, properties), null);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail,
            Map<String, Object> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("https://streamgate.io/problems/" + slug(title)));
        properties.forEach(problem::setProperty);
        return problem;
    }

    private static String slug(String title) {
        return title.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
