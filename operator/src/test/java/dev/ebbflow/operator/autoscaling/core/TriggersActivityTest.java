package dev.ebbflow.operator.autoscaling.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TriggersActivityTest {

    @Test
    void eachPolledTriggerReportsItsOwnActivationByMetricName() {
        ScalingSpec spec = Specs.defaults().withTriggers(Specs.rabbit(0, "orders"), Specs.rabbit(1, "invoices")).build();

        assertThat(TriggersActivity.of(spec, List.of(TriggerOutcome.reading(12, true), TriggerOutcome.reading(0, false))))
                .containsExactly(java.util.Map.entry("s0-rabbitmq-orders", true), java.util.Map.entry("s1-rabbitmq-invoices", false));
    }

    @Test
    void aFailedReadingIsNotActiveAndCpuIsLeftToTheHpa() {
        ScalingSpec spec = Specs.defaults().withTriggers(Specs.rabbit(0, "orders"), Specs.cpu(50)).build();

        assertThat(TriggersActivity.of(spec, List.of(TriggerOutcome.failure("connection refused"), TriggerOutcome.notPolled())))
                .containsExactly(java.util.Map.entry("s0-rabbitmq-orders", false));
    }

    @Test
    void withScalingModifiersEachTriggerStillReportsItsOwnReading() {
        ScalingSpec spec = Specs.defaults().withTriggers(Specs.rabbit(0, "a"), Specs.rabbit(1, "b"))
                .modifiers("a + b", "5", "100", "AverageValue").build();

        assertThat(TriggersActivity.of(spec, List.of(TriggerOutcome.reading(3, true), TriggerOutcome.reading(0, false))))
                .containsEntry("s0-rabbitmq-a", true).containsEntry("s1-rabbitmq-b", false);
    }

    @Test
    void outcomesMustMatchTheTriggers() {
        assertThatThrownBy(() -> TriggersActivity.of(Specs.defaults().build(), List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
