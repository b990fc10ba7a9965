package io.streamgate.gateway.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import io.streamgate.gateway.connection.Deadlines.Phase;
import io.streamgate.gateway.connection.Deadlines.Verdict;
import org.junit.jupiter.api.Test;

class DeadlinesTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private final Deadlines deadlines = new Deadlines(10 * SECOND, 1024);

    @Test
    void headersAreCutOffOnceTheyHaveBeenWaitedOnLongerThanTheTimeoutWhateverTrickled() {
        assertThat(deadlines.judge(Phase.HEADERS, 10 * SECOND, 5_000)).isEqualTo(Verdict.ON_TIME);
        assertThat(deadlines.judge(Phase.HEADERS, 10 * SECOND + 1, 5_000)).isEqualTo(Verdict.HEADERS_TOO_SLOW);
    }

    @Test
    void aBodyIsJudgedByItsAverageRateOnlyAfterTheGracePeriod() {
        assertThat(deadlines.judge(Phase.BODY, 9 * SECOND, 0)).isEqualTo(Verdict.ON_TIME);
        assertThat(deadlines.judge(Phase.BODY, 20 * SECOND, 7)).isEqualTo(Verdict.BODY_TOO_SLOW);
        assertThat(deadlines.judge(Phase.BODY, 20 * SECOND, 20 * 1024)).isEqualTo(Verdict.ON_TIME);
    }

    @Test
    void anIdleConnectionOrARequestBeingHandledIsNeverCutOff() {
        assertThat(deadlines.judge(Phase.IDLE, 3_600 * SECOND, 0)).isEqualTo(Verdict.ON_TIME);
        assertThat(deadlines.judge(Phase.HANDLING, 3_600 * SECOND, 0)).isEqualTo(Verdict.ON_TIME);
    }
}
