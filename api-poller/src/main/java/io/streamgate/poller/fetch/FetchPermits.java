package io.streamgate.poller.fetch;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import io.streamgate.poller.source.PollerProperties;
import org.springframework.stereotype.Component;

/**
 * How many requests may be in flight across all sources ({@code max-concurrent-runs}). A permit is held for one
 * HTTP exchange only, never while a run sleeps between retries or waits out a {@code Retry-After}, and permits go
 * in arrival order: a slow or throttled source takes its turn like every other, it cannot starve them.
 */
@Component
public class FetchPermits {

    private final Semaphore permits;

    public FetchPermits(PollerProperties properties) {
        this.permits = new Semaphore(properties.maxConcurrentRuns(), true);
    }

    <T> T holding(Supplier<T> exchange) {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw FetchException.io(e);
        }
        try {
            return exchange.get();
        } finally {
            permits.release();
        }
    }
}
