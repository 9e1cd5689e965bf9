package dev.ebbflow.operator.autoscaling.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.operator.autoscaling.controller.ScaledObjectKey;
import dev.ebbflow.operator.autoscaling.core.TriggerOutcome;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LatestReadingsTest {

    private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");
    private static final Duration INTERVAL = Duration.ofSeconds(30);
    private static final ScaledObjectKey A = new ScaledObjectKey("ns", "a");
    private static final ScaledObjectKey B = new ScaledObjectKey("ns", "b");

    private final LatestReadings readings = new LatestReadings();

    @Test
    void aReadingIsServedWhileYoungerThanTheIntervalForItsOwnGenerationAndTrigger() {
        readings.put(A, 1, 0, TriggerOutcome.reading(5, true), T0);
        assertThat(readings.fresh(A, 1, 0, INTERVAL, T0.plusSeconds(29))).contains(TriggerOutcome.reading(5, true));
        assertThat(readings.fresh(A, 1, 0, INTERVAL, T0.plusSeconds(30))).isEmpty();
        assertThat(readings.fresh(A, 2, 0, INTERVAL, T0)).isEmpty();
        assertThat(readings.fresh(A, 1, 1, INTERVAL, T0)).isEmpty();
        assertThat(readings.fresh(B, 1, 0, INTERVAL, T0)).isEmpty();
    }

    @Test
    void aFailureDropsTheReadingOfThatTriggerOnly() {
        readings.put(A, 1, 0, TriggerOutcome.reading(5, true), T0);
        readings.put(A, 1, 1, TriggerOutcome.reading(7, true), T0);
        readings.put(A, 1, 0, TriggerOutcome.failure("down"), T0.plusSeconds(1));
        assertThat(readings.fresh(A, 1, 0, INTERVAL, T0.plusSeconds(1))).isEmpty();
        assertThat(readings.fresh(A, 1, 1, INTERVAL, T0.plusSeconds(1))).contains(TriggerOutcome.reading(7, true));
        readings.put(B, 1, 0, TriggerOutcome.failure("never read"), T0);
        assertThat(readings.size()).isEqualTo(1);
    }

    @Test
    void removingAScaledObjectForgetsEveryGenerationOfItAndNothingElse() {
        readings.put(A, 1, 0, TriggerOutcome.reading(5, true), T0);
        readings.put(A, 2, 0, TriggerOutcome.reading(6, true), T0);
        readings.put(B, 1, 0, TriggerOutcome.reading(8, false), T0);
        readings.remove(A);
        assertThat(readings.fresh(A, 1, 0, INTERVAL, T0)).isEmpty();
        assertThat(readings.fresh(A, 2, 0, INTERVAL, T0)).isEmpty();
        assertThat(readings.fresh(B, 1, 0, INTERVAL, T0)).contains(TriggerOutcome.reading(8, false));
        assertThat(readings.size()).isEqualTo(1);
    }
}
