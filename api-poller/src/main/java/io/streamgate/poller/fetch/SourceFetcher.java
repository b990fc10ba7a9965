package io.streamgate.poller.fetch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.IntConsumer;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.retry.Retry;
import io.streamgate.poller.source.SourceConfig;
import io.streamgate.poller.source.StatusAction;

/**
 * Fetches one source's pages: credentials, timeouts, the host's rate limiter and circuit breaker, and retries with
 * exponential backoff and jitter that wait out a {@code Retry-After} instead when the provider sends one.
 */
public final class SourceFetcher {

    private final SourceConfig config;
    private final HttpClient http;
    private final Duration timeout;
    private final Authenticator auth;
    private final Retry retry;
    private final HostGuards guards;
    private final Duration maxRetryWait;
    private final IntConsumer statusCounter;
    private final FetchPermits permits;

    SourceFetcher(SourceConfig config, HttpClient http, Duration timeout, Authenticator auth, Retry retry,
            HostGuards guards, Duration maxRetryWait, IntConsumer statusCounter, FetchPermits permits) {
        this.config = config;
        this.http = http;
        this.timeout = timeout;
        this.auth = auth;
        this.retry = retry;
        this.guards = guards;
        this.maxRetryWait = maxRetryWait;
        this.statusCounter = statusCounter;
        this.permits = permits;
    }

    /**
     * GETs (or POSTs) {@code uri}, with {@code conditions} as extra headers. Returns a 2xx, a 304, or an error status
     * the source's {@code on-status} says to ignore.
     *
     * @throws RetryLaterException when the provider asks for a pause longer than we wait in a run
     * @throws FetchException when the attempts are used up, the failure is not worth retrying, or the host's circuit
     *     breaker is open
     */
    public FetchResponse fetch(URI uri, Map<String, String> conditions) {
        String host = uri.getHost();
        CircuitBreaker breaker = guards.breaker(host);
        RateLimiter limiter = guards.limiter(host);
        try {
            return retry.executeSupplier(() -> breaker.executeSupplier(
                    RateLimiter.decorateSupplier(limiter, () -> permits.holding(() -> attempt(uri, conditions, true)))));
        } catch (CallNotPermittedException e) {
            throw FetchException.breakerOpen(host, guards.openFor(), e);
        }
    }

    private FetchResponse attempt(URI uri, Map<String, String> conditions, boolean mayRenew) {
        URI target = uri;
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
        if (config.body() != null) {
            RequestBody.Rendered rendered = RequestBody.render(config.body(), uri);
            target = rendered.uri();
            body = HttpRequest.BodyPublishers.ofByteArray(rendered.body());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(auth.uri(target)).timeout(timeout)
                .method(config.method(), body);
        if (config.body() != null && config.headers().keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
            request.header("Content-Type", "application/json");
        }
        config.headers().forEach(request::header);
        conditions.forEach(request::header);
        auth.apply(request);
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw FetchException.io(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw FetchException.io(e);
        }
        int status = response.statusCode();
        statusCounter.accept(status);
        if (status == 401 && mayRenew && auth.renew()) {
            return attempt(uri, conditions, false);
        }
        StatusAction rule = config.actionFor(status);
        if (status / 100 == 2 || status == 304 || rule == StatusAction.IGNORE) {
            return new FetchResponse(uri, status, response.headers(), response.body());
        }
        Duration retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null),
                Instant.now());
        if (retryAfter != null && retryAfter.compareTo(maxRetryWait) > 0 && rule != StatusAction.FAIL) {
            throw new RetryLaterException(status, retryAfter);
        }
        throw FetchException.status(status, retryAfter, rule);
    }
}
