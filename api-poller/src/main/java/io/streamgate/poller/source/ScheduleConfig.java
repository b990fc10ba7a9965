package io.streamgate.poller.source;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.support.CronExpression;

/**
 * When a source is pulled.
 *
 * @param kind INTERVAL (every {@code interval}), CRON ({@code cron}), or FEED: when the feed says its data goes
 *        stale ({@code ttl}/{@code last_updated} in the body, {@code Cache-Control: max-age}, {@code Expires}),
 *        falling back to {@code interval}
 * @param interval the fixed interval, and the FEED fallback
 * @param cron a Spring cron expression (six fields, seconds first)
 * @param zone the zone the cron expression is read in
 * @param minInterval the shortest wait between runs, whatever the feed says
 * @param maxInterval the longest wait between runs, whatever the feed says
 */
public record ScheduleConfig(
        @NotNull @DefaultValue("INTERVAL") Kind kind,
        @NotNull @DefaultValue("60s") Duration interval,
        @DefaultValue("") String cron,
        @DefaultValue("UTC") String zone,
        @NotNull @DefaultValue("1s") Duration minInterval,
        @NotNull @DefaultValue("1h") Duration maxInterval) {

    public enum Kind { INTERVAL, CRON, FEED }

    @AssertTrue(message = "CRON needs a valid six-field cron expression")
    public boolean isCronValid() {
        return kind != Kind.CRON || cron != null && CronExpression.isValidExpression(cron);
    }

    @AssertTrue(message = "interval must be positive and between min-interval and max-interval")
    public boolean isIntervalSane() {
        return interval == null || minInterval == null || maxInterval == null
                || !interval.isNegative() && !interval.isZero() && minInterval.compareTo(maxInterval) <= 0;
    }
}
