package io.streamgate.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.time.Duration;

import io.streamgate.gateway.problem.GatewayException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class RateLimiterTest {

    final RateLimiter limiter = new RateLimiter();
    final RateLimitProperties twoPerKeyPerHour = new RateLimitProperties(null,
            new RateLimitProperties.Limit(2, Duration.ofHours(1)));

    @Test
    void eachCallerHasItsOwnBucketAndAnEmptyOneIsA429WithRetryAfter() {
        limiter.acquire("s", twoPerKeyPerHour, "a");
        limiter.acquire("s", twoPerKeyPerHour, "a");
        assertThatNoException().isThrownBy(() -> limiter.acquire("s", twoPerKeyPerHour, "b"));
        assertThatNoException().isThrownBy(() -> limiter.acquire("other-source", twoPerKeyPerHour, "a"));

        assertThatThrownBy(() -> limiter.acquire("s", twoPerKeyPerHour, "a"))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
                    long retryAfter = Long.parseLong(e.getHeaders().getFirst("Retry-After"));
                    assertThat(retryAfter).isBetween(1L, 3600L);
                });
    }

    @Test
    void withoutLimitsNothingIsCounted() {
        RateLimitProperties none = new RateLimitProperties(null, null);
        for (int i = 0; i < 100; i++) {
            limiter.acquire("s", none, "a");
        }
    }
}
