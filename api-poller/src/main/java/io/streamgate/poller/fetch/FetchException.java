package io.streamgate.poller.fetch;

import java.time.Duration;

import io.streamgate.poller.source.StatusAction;

/**
 * A request that did not give a usable response.
 *
 * @see #retryable()
 */
public class FetchException extends RuntimeException {

    private final int status;
    private final Duration retryAfter;
    private final boolean retryable;

    FetchException(String message, int status, Duration retryAfter, boolean retryable, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryAfter = retryAfter;
        this.retryable = retryable;
    }

    static FetchException status(int status, Duration retryAfter) {
        return status(status, retryAfter, null);
    }

    /** As {@link #status(int, Duration)}, with the source's {@code on-status} rule (null: the default). */
    static FetchException status(int status, Duration retryAfter, StatusAction rule) {
        boolean retryable = rule == null ? status == 429 || status == 408 || status >= 500 : rule == StatusAction.RETRY;
        return new FetchException("HTTP " + status, status, retryAfter, retryable, null);
    }

    static FetchException io(Exception cause) {
        return new FetchException(cause.getClass().getSimpleName() + ": " + cause.getMessage(), 0, null, true, cause);
    }

    /**
     * No request was sent: the host's circuit breaker is open. Not retried within the run (the breaker would refuse
     * each attempt); the run is tried again once the breaker lets a probe through, {@code openFor} from now at the
     * latest.
     */
    static FetchException breakerOpen(String host, Duration openFor, Throwable cause) {
        return new FetchException("the circuit breaker of host " + host + " is open (too many failed requests to it,"
                + " from any source on it): no request sent", 0, openFor, false, cause);
    }

    /** The HTTP status, or 0 when no response came (timeout, refused connection, open breaker). */
    public int status() {
        return status;
    }

    /** The server's {@code Retry-After}, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** 408, 429, 5xx and I/O failures are worth another attempt, other statuses not, unless the source says. */
    public boolean retryable() {
        return retryable;
    }
}
