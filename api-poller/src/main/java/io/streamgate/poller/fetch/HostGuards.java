package io.streamgate.poller.fetch;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetrics;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.streamgate.poller.source.PollerProperties;
import org.springframework.stereotype.Component;

/**
 * A rate limiter and a circuit breaker per provider host, shared by every source on that host: many sources on one
 * API must not together exceed its limit, and an API that is down is left alone for a while by all of them.
 */
@Component
class HostGuards {

    private final CircuitBreakerRegistry breakers;
    private final RateLimiterRegistry limiters;
    private final Duration openFor;

    HostGuards(PollerProperties properties, MeterRegistry meters) {
        PollerProperties.HttpSettings http = properties.http();
        this.openFor = http.breakerOpenFor();
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(http.breakerFailureRate())
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .waitDurationInOpenState(http.breakerOpenFor())
                .recordException(e -> e instanceof FetchException f && f.retryable())
                .build());
        this.limiters = RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(http.ratePerSecond())
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(http.requestTimeout())
                .build());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
        TaggedRateLimiterMetrics.ofRateLimiterRegistry(limiters).bindTo(meters);
    }

    CircuitBreaker breaker(String host) {
        return breakers.circuitBreaker(host);
    }

    /** How long an open breaker refuses calls: the longest a source refused by one waits for its next try. */
    Duration openFor() {
        return openFor;
    }

    RateLimiter limiter(String host) {
        return limiters.rateLimiter(host);
    }
}
