package io.streamgate.poller.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamgate.poller.run.RunOutcome;
import io.streamgate.poller.source.ScheduleConfig;
import org.junit.jupiter.api.Test;

class SchedulingTest {

    private static final Instant NOW = Instant.parse("2024-01-06T12:00:00Z");

    private static ScheduleConfig schedule(ScheduleConfig.Kind kind, String cron) {
        return new ScheduleConfig(kind, Duration.ofMinutes(1), cron, "America/New_York", Duration.ofSeconds(5),
                Duration.ofMinutes(10));
    }

    @Test
    void gbfsTtlCountsFromLastUpdated() throws Exception {
        var body = new ObjectMapper().readTree("{\"last_updated\":" + NOW.minusSeconds(20).getEpochSecond()
                + ",\"ttl\":60,\"data\":{}}");
        assertThat(Freshness.staleAt(body, null, null, null, NOW)).isEqualTo(NOW.plusSeconds(40));
    }

    @Test
    void cacheControlMaxAgeLessAgeWhenTheBodySaysNothing() {
        assertThat(Freshness.staleAt(null, "public, max-age=300", "100", null, NOW)).isEqualTo(NOW.plusSeconds(200));
        assertThat(Freshness.staleAt(null, null, null, "Sat, 06 Jan 2024 12:05:00 GMT", NOW))
                .isEqualTo(NOW.plusSeconds(300));
        assertThat(Freshness.staleAt(null, "no-cache", null, null, NOW)).isNull();
    }

    @Test
    void feedScheduleFollowsTheFeedWithinTheBounds() {
        ScheduleConfig feed = schedule(ScheduleConfig.Kind.FEED, "");
        assertThat(NextRun.after(feed, RunOutcome.ok(NOW.plusSeconds(42)), 0, NOW)).isEqualTo(NOW.plusSeconds(42));
        assertThat(NextRun.after(feed, RunOutcome.ok(NOW.plusSeconds(1)), 0, NOW)).isEqualTo(NOW.plusSeconds(5));
        assertThat(NextRun.after(feed, RunOutcome.ok(NOW.plusSeconds(3600)), 0, NOW)).isEqualTo(NOW.plusSeconds(600));
        assertThat(NextRun.after(feed, RunOutcome.ok(null), 0, NOW)).isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void cronRunsAtTheNextMatchInItsZone() {
        ScheduleConfig cron = schedule(ScheduleConfig.Kind.CRON, "0 0 8 * * *");
        // NOW is 07:00 in New York; 08:00 New York (EST) is 13:00 UTC
        assertThat(NextRun.after(cron, RunOutcome.ok(null), 0, NOW)).isEqualTo(Instant.parse("2024-01-06T13:00:00Z"));
    }

    @Test
    void retryAfterAndFailuresPushTheNextRunBack() {
        ScheduleConfig interval = schedule(ScheduleConfig.Kind.INTERVAL, "");
        assertThat(NextRun.after(interval, RunOutcome.failure(Duration.ofMinutes(3)), 1, NOW))
                .isEqualTo(NOW.plusSeconds(180));
        assertThat(NextRun.after(interval, RunOutcome.failure(null), 6, NOW)).isEqualTo(NOW.plusSeconds(160));
        assertThat(NextRun.after(interval, RunOutcome.failure(null), 30, NOW)).isEqualTo(NOW.plusSeconds(600));
    }

    @Test
    void aFailedRunIsTriedAgainAfterTheBackoffNotAtTheNextSlot() {
        ScheduleConfig daily = schedule(ScheduleConfig.Kind.CRON, "0 0 8 * * *");
        assertThat(NextRun.after(daily, RunOutcome.failure(null), 1, NOW)).isEqualTo(NOW.plusSeconds(5));
        assertThat(NextRun.after(daily, RunOutcome.failure(null), 3, NOW)).isEqualTo(NOW.plusSeconds(20));
        assertThat(NextRun.after(daily, RunOutcome.failure(Duration.ofSeconds(30)), 1, NOW))
                .as("a host's open breaker, or the provider's Retry-After").isEqualTo(NOW.plusSeconds(30));
        assertThat(NextRun.after(daily, RunOutcome.ok(null), 0, NOW)).as("the schedule again once a run succeeds")
                .isEqualTo(Instant.parse("2024-01-06T13:00:00Z"));
    }
}
