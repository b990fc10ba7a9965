package io.streamgate.poller.fetch;

import java.time.Duration;

/** The provider asked for a pause ({@code Retry-After}) longer than we wait inside a run: try the next run then. */
public class RetryLaterException extends FetchException {

    RetryLaterException(int status, Duration retryAfter) {
        super("HTTP " + status + ", Retry-After " + retryAfter, status, retryAfter, false, null);
    }
}
