package io.streamgate.poller.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import io.streamgate.poller.run.RunOutcome;
import io.streamgate.poller.source.ScheduleConfig;
import org.springframework.scheduling.support.CronExpression;

/**
 * When a source runs next: by its schedule; after failures, after an exponential backoff instead (from
 * {@code minInterval}, doubling, capped at {@code maxInterval}); never before a provider's {@code Retry-After}.
 */
public final class NextRun {

    private NextRun() {
    }

    public static Instant after(ScheduleConfig schedule, RunOutcome outcome, int consecutiveFailures, Instant now) {
        Instant next = switch (schedule.kind()) {
            case INTERVAL -> now.plus(schedule.interval());
            case CRON -> CronExpression.parse(schedule.cron())
                    .next(ZonedDateTime.ofInstant(now, ZoneId.of(schedule.zone()))).toInstant();
            case FEED -> clamp(outcome.staleAt() != null ? outcome.staleAt() : now.plus(schedule.interval()),
                    now.plus(schedule.minInterval()), now.plus(schedule.maxInterval()));
        };
        if (consecutiveFailures > 0) {
            // after the backoff whatever the schedule: sooner than an hourly or daily source's next slot, which a
            // failed run (a provider's bad minute, a breaker another source opened) must not cost; later than a
            // frequent source's, which must not hammer a failing provider
            long factor = 1L << Math.min(consecutiveFailures - 1, 20);
            Duration backoff = schedule.minInterval().multipliedBy(factor);
            next = now.plus(backoff.compareTo(schedule.maxInterval()) > 0 ? schedule.maxInterval() : backoff);
        }
        if (outcome.retryAfter() != null) {
            next = later(next, now.plus(outcome.retryAfter()));
        }
        return next;
    }

    private static Instant clamp(Instant at, Instant min, Instant max) {
        return at.isBefore(min) ? min : at.isAfter(max) ? max : at;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
