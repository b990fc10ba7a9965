package io.streamgate.gateway.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.streamgate.gateway.problem.GatewayException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Token buckets (Bucket4j) per source and per source and credential, in this instance's memory. A request takes
 * one token from the caller's bucket, then one from the source's; when either is empty it is answered 429 with
 * {@code Retry-After} (whole seconds until a token is back).
 */
@Component
public class RateLimiter {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public void acquire(String sourceId, RateLimitProperties limits, String caller) {
        if (limits.perKey() != null) {
            take(sourceId + "\u0000" + caller, limits.perKey(), "this credential");
        }
        if (limits.perSource() != null) {
            take(sourceId, limits.perSource(), "this source");
        }
    }

    private void take(String bucketId, RateLimitProperties.Limit limit, String whose) {
        Bucket bucket = buckets.computeIfAbsent(bucketId, id -> Bucket.builder()
                .addLimit(l -> l.capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()))
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (long) Math.ceil(probe.getNanosToWaitForRefill() / 1e9));
            GatewayException tooMany = new GatewayException(HttpStatus.TOO_MANY_REQUESTS, "Rate limit exceeded",
                    "The rate limit of " + whose + " (" + limit.capacity() + " requests per "
                            + format(limit.period()) + ") is used up; retry after " + seconds + " s.",
                    Map.of("retryAfterSeconds", seconds));
            tooMany.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
            throw tooMany;
        }
    }

    private static String format(Duration period) {
        return period.toString().substring(2).toLowerCase();
    }
}
