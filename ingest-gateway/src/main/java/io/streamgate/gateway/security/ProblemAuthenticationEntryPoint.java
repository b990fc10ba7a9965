package io.streamgate.gateway.security;

import java.io.IOException;
import java.net.URI;

import io.streamgate.gateway.http.JsonAnswers;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers a request for a protected actuator endpoint without (valid) credentials with 401 and a problem+json body,
 * like every other error of the gateway, and the basic challenge so that tools know what to send.
 */
class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final JsonAnswers answers;

    ProblemAuthenticationEntryPoint(JsonAnswers answers) {
        this.answers = answers;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                "This endpoint needs the operator's credentials (HTTP basic).");
        problem.setTitle("Unauthorized");
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"streamgate\"");
        answers.write(response, HttpStatus.UNAUTHORIZED, MediaType.APPLICATION_PROBLEM_JSON_VALUE, problem);
    }
}
