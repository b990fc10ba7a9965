package io.streamgate.gateway.observe;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The {@code http.server.requests} timer, with the names and tags Spring's observation gives it (method, uri
 * pattern, status, outcome, exception, error), for when that observation is not registered because no span is
 * exported ({@link ObservationConfig}). Each timer is looked up once per tag combination and kept: the observation
 * built a context, its key values, thread-local scopes and a meter lookup by sorted tags on every request, about a
 * tenth of the gateway's CPU per request at 64 connections (bench/README.md). Methods outside the standard ones
 * count as UNKNOWN, so a client cannot grow the set of timers.
 */
final class RequestTimer extends HttpFilter {

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
            "TRACE");

    private final MeterRegistry registry;
    private final String name;
    private final ConcurrentMap<Key, Timer> timers = new ConcurrentHashMap<>();

    /** {@code name}: the timer's, as {@code management.observations.http.server.requests.name} sets it. */
    RequestTimer(MeterRegistry registry, String name) {
        this.registry = registry;
        this.name = name;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long start = registry.config().clock().monotonicTime();
        Throwable error = null;
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            error = e instanceof ServletException servlet && servlet.getRootCause() != null
                    ? servlet.getRootCause() : e;
            response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR); // as the observation records it
            throw e;
        } finally {
            timer(request, response.getStatus(), error)
                    .record(registry.config().clock().monotonicTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private Timer timer(HttpServletRequest request, int status, Throwable error) {
        Key key = new Key(METHODS.contains(request.getMethod()) ? request.getMethod() : "UNKNOWN",
                uri(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE), status), status,
                error == null ? "none" : name(error));
        Timer timer = timers.get(key);
        return timer != null ? timer : timers.computeIfAbsent(key, this::register);
    }

    private Timer register(Key key) {
        return Timer.builder(name).description("HTTP server request processing")
                .tag("method", key.method()).tag("uri", key.uri()).tag("status", Integer.toString(key.status()))
                .tag("outcome", Outcome.forStatus(key.status()).name()).tag("exception", key.exception())
                .tag("error", key.exception())
                .register(registry);
    }

    /** The matched pattern, as the observation tags it; without one, the few statuses it names. */
    private static String uri(Object pattern, int status) {
        if (pattern instanceof String p) {
            return p.isEmpty() ? "root" : p;
        }
        if (status >= 300 && status < 400) {
            return "REDIRECTION";
        }
        return status == HttpServletResponse.SC_NOT_FOUND ? "NOT_FOUND" : "UNKNOWN";
    }

    private static String name(Throwable error) {
        String simple = error.getClass().getSimpleName();
        return simple.isEmpty() ? error.getClass().getName() : simple;
    }

    private record Key(String method, String uri, int status, String exception) {
    }
}
