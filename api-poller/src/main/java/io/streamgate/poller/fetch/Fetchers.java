package io.streamgate.poller.fetch;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.function.IntConsumer;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.streamgate.poller.source.PollerProperties;
import io.streamgate.poller.source.SourceConfig;
import org.springframework.stereotype.Component;

/** Builds each source's {@link SourceFetcher} on one shared HTTP client. */
@Component
public class Fetchers {

    private final PollerProperties.HttpSettings settings;
    private final HostGuards guards;
    private final HttpClient http;
    private final FetchPermits permits;

    Fetchers(PollerProperties properties, HostGuards guards, FetchPermits permits) {
        this.settings = properties.http();
        this.guards = guards;
        this.permits = permits;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /**
     * @param statusCounter told the status of every response
     * @param onRetry told of every retry
     */
    public SourceFetcher fetcher(String sourceId, SourceConfig config, IntConsumer statusCounter, Runnable onRetry) {
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(settings.backoffInitial(),
                settings.backoffMultiplier(), settings.backoffJitter(), settings.maxRetryWait());
        IntervalBiFunction<Object> wait = (attempt, outcome) -> outcome.isLeft()
                && outcome.getLeft() instanceof FetchException f && f.retryAfter() != null
                        ? Math.max(f.retryAfter().toMillis(), 1)
                        : backoff.apply(attempt);
        Retry retry = Retry.of("poller-" + sourceId, RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .intervalBiFunction(wait)
                .retryOnException(e -> e instanceof FetchException f && f.retryable())
                .build());
        retry.getEventPublisher().onRetry(event -> onRetry.run());
        Authenticator auth = new Authenticator(config.auth(),
                new OAuth2Tokens(config.auth(), http, settings.requestTimeout(), Clock.systemUTC()));
        return new SourceFetcher(config, http, settings.requestTimeout(), auth, retry, guards,
                settings.maxRetryWait(), statusCounter, permits);
    }
}
