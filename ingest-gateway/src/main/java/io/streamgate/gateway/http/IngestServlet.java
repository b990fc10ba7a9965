package io.streamgate.gateway.http;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.streamgate.gateway.problem.Problems;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The servlet that takes webhooks and events, beside Spring MVC's dispatcher (which keeps the actuator and the
 * error page). Two routes, each {@code POST <path>/{id}}, need no handler lookup, argument resolution or content
 * negotiation: in benchmark 1's profile at 64 connections the dispatcher spent 14 % of the gateway's CPU on them.
 * Refusals are answered as Spring MVC answers them ({@link Problems}); the route's pattern is exposed as the
 * dispatcher exposes it, for the {@code uri} tag of {@code http.server.requests} and the server span.
 */
public final class IngestServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(IngestServlet.class);
    private static final String ALLOWED = "POST,OPTIONS";

    private final transient Map<String, Route> routes;
    private final transient JsonAnswers answers;

    IngestServlet(List<IngestEndpoint> endpoints, JsonAnswers answers) {
        this.routes = endpoints.stream().map(endpoint -> new Route(endpoint, endpoint.path() + "/{id}"))
                .collect(Collectors.toUnmodifiableMap(route -> route.endpoint().path(), Function.identity()));
        this.answers = answers;
    }

    /** The servlet's URL mappings: {@code <path>/*} for each endpoint. */
    String[] mappings() {
        return routes.keySet().stream().map(path -> path + "/*").sorted().toArray(String[]::new);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            Route route = routes.get(request.getServletPath());
            String id = id(request.getPathInfo());
            if (route == null || id == null) {
                throw Problems.unknownPath();
            }
            if ("OPTIONS".equals(request.getMethod())) {
                response.setHeader(HttpHeaders.ALLOW, ALLOWED);
                return;
            }
            if (!"POST".equals(request.getMethod())) {
                throw new HttpRequestMethodNotSupportedException(request.getMethod(), List.of("POST"));
            }
            request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, route.pattern());
            ServerHttpObservationFilter.findObservationContext(request)
                    .ifPresent(observation -> observation.setPathPattern(route.pattern()));
            route.endpoint().accept(id, request, response);
        } catch (Exception e) {
            refuse(request, response, e);
        }
    }

    /** The source id of {@code /{id}}, or null for any other path (none, empty, or with more segments). */
    private static String id(String pathInfo) {
        if (pathInfo == null || pathInfo.length() < 2 || pathInfo.indexOf('/', 1) >= 0) {
            return null;
        }
        return pathInfo.substring(1);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, Exception e) throws IOException {
        if (response.isCommitted()) { // the answer is on its way: the failure can only be logged
            log.error("request to {} failed after its answer was sent", request.getRequestURI(), e);
            return;
        }
        response.resetBuffer(); // as Spring MVC does before an error answer: nothing of another answer goes with it
        ResponseEntity<ProblemDetail> problem = Problems.answer(e);
        ProblemDetail body = problem.getBody();
        if (body.getInstance() == null) {
            body.setInstance(URI.create(request.getRequestURI()));
        }
        problem.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        answers.write(response, problem.getStatusCode(), MediaType.APPLICATION_PROBLEM_JSON_VALUE, body);
    }

    private record Route(IngestEndpoint endpoint, String pattern) {
    }
}
