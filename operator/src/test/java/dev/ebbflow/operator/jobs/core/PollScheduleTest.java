package dev.ebbflow.operator.jobs.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PollScheduleTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void firstPollIsDueAtOnce() {
        assertThat(PollSchedule.untilDue(null, 1, false, 30, T)).isEqualTo(Duration.ZERO);
    }

    @Test
    void nextPollIsOnePollingIntervalAfterTheLast() {
        PollSchedule last = new PollSchedule(T, 1, false);
        assertThat(PollSchedule.untilDue(last, 1, false, 30, T.plusSeconds(10))).isEqualTo(Duration.ofSeconds(20));
        assertThat(PollSchedule.untilDue(last, 1, false, 30, T.plusSeconds(30))).isEqualTo(Duration.ZERO);
        assertThat(PollSchedule.untilDue(last, 1, false, 30, T.plusSeconds(31)).isNegative()).isTrue();
    }

    @Test
    void aNewGenerationOrAPauseChangeIsPolledAtOnce() {
        PollSchedule last = new PollSchedule(T, 1, false);
        assertThat(PollSchedule.untilDue(last, 2, false, 30, T.plusSeconds(1))).isEqualTo(Duration.ZERO);
        assertThat(PollSchedule.untilDue(last, 1, true, 30, T.plusSeconds(1))).isEqualTo(Duration.ZERO);
    }
}
