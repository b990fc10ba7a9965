package io.streamgate.poller.ops;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import io.streamgate.poller.run.SourceStatus;
import io.streamgate.poller.run.SourceWorker;
import io.streamgate.poller.run.SpecRefusal;
import io.streamgate.poller.schedule.SourceScheduler;
import io.streamgate.poller.source.PollerProperties;
import io.streamgate.poller.source.ScheduleConfig;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health/sources/<id>}: UP while the source succeeds; DOWN when fenced, or after 3 failures in a
 * row, or when its last success (its start, if it never succeeded) is older than 3 scheduled periods
 * (stale), or at once when it refuses to run until reset (its spec changed since its cursor was stored);
 * OUT_OF_SERVICE when paused.
 */
@Component("sources")
class SourcesHealth implements CompositeHealthContributor {

    private static final int FAILURES_DOWN = 3;

    private final Map<String, HealthIndicator> indicators = new LinkedHashMap<>();

    SourcesHealth(SourceScheduler scheduler, PollerProperties properties) {
        for (SourceWorker worker : scheduler.workers()) {
            Duration staleAfter = period(properties.sources().get(worker.id()).schedule()).multipliedBy(3);
            indicators.put(worker.id(), () -> health(worker.status().view(), staleAfter));
        }
    }

    /** The time a source normally waits between runs: its interval, its cron's period, or a feed's longest wait. */
    static Duration period(ScheduleConfig schedule) {
        return switch (schedule.kind()) {
            case INTERVAL -> schedule.interval();
            case FEED -> schedule.maxInterval();
            case CRON -> {
                CronExpression cron = CronExpression.parse(schedule.cron());
                ZonedDateTime next = cron.next(ZonedDateTime.now(ZoneId.of(schedule.zone())));
                yield Duration.between(next, cron.next(next));
            }
        };
    }

    static Health health(SourceStatus.View view, Duration staleAfter) {
        Duration staleness = Duration.between(view.freshAt(), Instant.now());
        Health.Builder health;
        if (view.paused()) {
            health = Health.outOfService();
        } else if (view.standby()) {
            health = Health.up(); // another replica holds its lease and answers for it
        } else if (view.specChange() != null || view.fenced() || view.consecutiveFailures() >= FAILURES_DOWN
                || staleness.compareTo(staleAfter) > 0) {
            health = Health.down();
        } else {
            health = Health.up();
        }
        health.withDetail("lastSuccess", String.valueOf(view.lastSuccess()))
                .withDetail("consecutiveFailures", view.consecutiveFailures())
                .withDetail("stalenessSeconds", staleness.toSeconds())
                .withDetail("fenced", view.fenced())
                .withDetail("standby", view.standby());
        if (view.lastError() != null) {
            health.withDetail("lastError", view.lastError());
        }
        if (view.specChange() != null) {
            health.withDetail("specChange", view.specChange())
                    .withDetail("action", SpecRefusal.resetCommand(view.id()));
        }
        return health.build();
    }

    @Override
    public HealthContributor getContributor(String name) {
        return indicators.get(name);
    }

    @Override
    public java.util.Iterator<NamedContributor<HealthContributor>> iterator() {
        return indicators.entrySet().stream()
                .map(e -> NamedContributor.<HealthContributor>of(e.getKey(), e.getValue())).iterator();
    }
}
