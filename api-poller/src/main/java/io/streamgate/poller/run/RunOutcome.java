package io.streamgate.poller.run;

import java.time.Duration;
import java.time.Instant;

/**
 * How a run ended, for scheduling the next one.
 *
 * @param staleAt when the feed said its data goes stale (null: it did not say)
 * @param retryAfter a pause the provider asked for (null: none)
 * @param failed whether the run failed
 */
public record RunOutcome(Instant staleAt, Duration retryAfter, boolean failed) {

    public static RunOutcome ok(Instant staleAt) {
        return new RunOutcome(staleAt, null, false);
    }

    public static RunOutcome failure(Duration retryAfter) {
        return new RunOutcome(null, retryAfter, true);
    }
}
