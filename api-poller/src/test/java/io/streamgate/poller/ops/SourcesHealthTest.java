package io.streamgate.poller.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import io.streamgate.poller.run.SourceStatus;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

class SourcesHealthTest {

    private static SourceStatus.View view(Instant lastSuccess, Instant since) {
        return view(lastSuccess, since, null);
    }

    private static SourceStatus.View view(Instant lastSuccess, Instant since, String specChange) {
        return new SourceStatus.View("s", false, false, false, lastSuccess, since, 1, "503", null, 0, 0, null, false,
                false, null, since, false, specChange);
    }

    @Test
    void aSourceThatNeverSucceededIsStaleOnceThreePeriodsHavePassedSinceItStarted() {
        Instant now = Instant.now();
        assertThat(SourcesHealth.health(view(null, now.minusSeconds(400)), Duration.ofMinutes(3)).getStatus())
                .isEqualTo(Status.DOWN);
        assertThat(SourcesHealth.health(view(null, now.minusSeconds(10)), Duration.ofMinutes(3)).getStatus())
                .isEqualTo(Status.UP);
        assertThat(SourcesHealth.health(view(now.minusSeconds(10), now.minusSeconds(400)), Duration.ofMinutes(3))
                .getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aSourceWaitingForAResetIsDownAtItsFirstRefusalAndSaysWhatToRun() {
        Instant now = Instant.now();
        var health = SourcesHealth.health(view(now.minusSeconds(10), now.minusSeconds(10),
                "pagination.kind offset -> page"), Duration.ofMinutes(3));
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("specChange", "pagination.kind offset -> page")
                .containsEntry("action", "POST /ops/sources/s/reset");
    }
}
