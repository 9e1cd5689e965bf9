package dev.ebbflow.operator.jobs.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TargetMetricTest {

    // A: 10 queued, 5 per Job -> 2 Jobs; B: 6 queued, 1 per Job -> 6 Jobs; C: empty and inactive.
    private static final List<TriggerSample> THREE = List.of(
            TriggerSample.reading(10, 5, true),
            TriggerSample.reading(6, 1, true),
            TriggerSample.reading(0, 1, false));

    @Test
    void maxTakesTheTriggerWithTheLongestQueue() {
        assertThat(TargetMetric.of(THREE, MultipleScalersCalculation.MAX, 100).maxScale()).isEqualTo(2);
    }

    @Test
    void minTakesTheTriggerWithTheShortestQueue() {
        assertThat(TargetMetric.of(THREE, MultipleScalersCalculation.MIN, 100).maxScale()).isZero();
        assertThat(TargetMetric.of(THREE.subList(0, 2), MultipleScalersCalculation.MIN, 100).maxScale()).isEqualTo(6);
    }

    @Test
    void sumAndAvgCombineTheActiveTriggersOnly() {
        assertThat(TargetMetric.of(THREE, MultipleScalersCalculation.SUM, 100).maxScale()).isEqualTo(8);
        // (2 + 6) / 2 active triggers = 4; the inactive one does not pull the average down
        assertThat(TargetMetric.of(THREE, MultipleScalersCalculation.AVG, 100).maxScale()).isEqualTo(4);
        // ceil((2 + 5) / 2) = 4
        assertThat(TargetMetric.of(List.of(TriggerSample.reading(2, 1, true), TriggerSample.reading(5, 1, true)),
                MultipleScalersCalculation.AVG, 100).maxScale()).isEqualTo(4);
    }

    @Test
    void theResultIsCappedAtMaxReplicaCount() {
        assertThat(TargetMetric.of(THREE, MultipleScalersCalculation.SUM, 5).maxScale()).isEqualTo(5);
    }

    @Test
    void queueLengthIsRoundedUpPerTrigger() {
        assertThat(TargetMetric.of(List.of(TriggerSample.reading(11, 5, true)), MultipleScalersCalculation.MAX, 100).maxScale()).isEqualTo(3);
        assertThat(TargetMetric.of(List.of(TriggerSample.reading(0.5, 1, true)), MultipleScalersCalculation.MAX, 100).maxScale()).isEqualTo(1);
    }

    @Test
    void failedTriggersTakeNoPart() {
        TargetMetric t = TargetMetric.of(List.of(TriggerSample.failure(1, "broker down"), TriggerSample.reading(6, 1, true)),
                MultipleScalersCalculation.MIN, 100);
        assertThat(t.maxScale()).isEqualTo(6);
        assertThat(t.failedTriggers()).isEqualTo(1);
        assertThat(t.active()).isTrue();
        TargetMetric none = TargetMetric.of(List.of(TriggerSample.failure(1, "broker down")), MultipleScalersCalculation.MAX, 100);
        assertThat(none.maxScale()).isZero();
        assertThat(none.active()).isFalse();
    }
}
