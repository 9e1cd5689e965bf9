package dev.ebbflow.operator.autoscaling.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.operator.autoscaling.core.hpa.HpaBehavior;
import dev.ebbflow.operator.autoscaling.core.hpa.ScalingPolicy;
import dev.ebbflow.operator.autoscaling.core.hpa.ScalingRules;
import dev.ebbflow.scalers.MetricSpec;
import dev.ebbflow.scalers.MetricTargetType;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScalingSpecValidatorTest {

    private static List<FieldError> errors(Specs spec) {
        return ScalingSpecValidator.validate(spec.build());
    }

    private static void assertSingleError(Specs spec, String field, String messagePart) {
        assertThat(errors(spec)).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.message()).contains(messagePart);
        });
    }

    private static final Specs NAMED = Specs.defaults().withTriggers(Specs.rabbit(0, "a"), Specs.rabbit(1, "b"));

    @Test
    void defaultsAreValid() {
        assertThat(errors(Specs.defaults())).isEmpty();
        assertThat(errors(NAMED.replicas(2, 5, 20).fallback(3, 6, FallbackBehavior.CURRENT_REPLICAS_IF_HIGHER)
                .modifiers("a > 2 ? a + b : 1", "10", "1.5", "AverageValue"))).isEmpty();
    }

    @Test
    void replicaBounds() {
        assertSingleError(Specs.defaults().replicas(null, 5, 3), "spec.minReplicaCount", "must not be greater than maxReplicaCount (3)");
        assertSingleError(Specs.defaults().replicas(2, 2, 10), "spec.idleReplicaCount", "must be less than minReplicaCount (2)");
        assertSingleError(Specs.defaults().replicas(3, 2, 10), "spec.idleReplicaCount", "must be less than minReplicaCount");
        assertSingleError(Specs.defaults().replicas(0, null, 10), "spec.idleReplicaCount", "must be less than minReplicaCount (0)");
        assertSingleError(Specs.defaults().replicas(-1, 2, 10), "spec.idleReplicaCount", "must not be negative");
        assertSingleError(Specs.defaults().replicas(null, -1, 10), "spec.minReplicaCount", "must not be negative");
        assertSingleError(Specs.defaults().replicas(null, null, 0), "spec.maxReplicaCount", "at least 1");
        assertSingleError(Specs.defaults().replicas(null, 101, null), "spec.minReplicaCount", "(100)");
    }

    @Test
    void times() {
        assertSingleError(Specs.defaults().polling(0), "spec.pollingInterval", "greater than 0");
        assertSingleError(Specs.defaults().cooldown(-5), "spec.cooldownPeriod", "must not be negative");
        assertSingleError(Specs.defaults().initialCooldown(-1), "spec.initialCooldownPeriod", "must not be negative");
    }

    @Test
    void triggers() {
        assertSingleError(Specs.defaults().withTriggers(), "spec.triggers", "at least one trigger");
        assertSingleError(Specs.defaults().withTriggers(Specs.rabbit(0, "a"), Specs.rabbit(1, "b"), Specs.rabbit(2, "a")),
                "spec.triggers[2].name", "duplicates the name of spec.triggers[0]");
    }

    @Test
    void fallback() {
        assertSingleError(Specs.defaults().fallback(null, 3, null), "spec.fallback.failureThreshold", "is required");
        assertSingleError(Specs.defaults().fallback(3, null, null), "spec.fallback.replicas", "is required");
        assertSingleError(Specs.defaults().fallback(-1, 3, null), "spec.fallback.failureThreshold", "must not be negative");
        assertSingleError(Specs.defaults().fallback(3, -2, null), "spec.fallback.replicas", "must not be negative");
        assertSingleError(Specs.defaults().withTriggers(Specs.rabbit(0, null), Specs.rabbit(1, null, MetricTargetType.UTILIZATION)).fallback(3, 2, null),
                "spec.triggers[1].metricType", "AverageValue or Value");
        assertSingleError(Specs.defaults().withTriggers(new TriggerSpec("memory", null, new MetricSpec("s0-memory", 80, 0, MetricTargetType.AVERAGE_VALUE)))
                .fallback(3, 2, null), "spec.triggers[0].type", "not supported with the memory trigger");
        assertThat(errors(Specs.defaults().withTriggers(Specs.rabbit(0, null, MetricTargetType.VALUE)).fallback(3, 2, null))).isEmpty();
    }

    @Test
    void fallbackWithScalingModifiers() {
        assertSingleError(NAMED.modifiers("a + b", "10", null, "Value").fallback(3, 2, null),
                "spec.advanced.scalingModifiers.metricType", "must be AverageValue when spec.fallback is set");
        assertSingleError(NAMED.modifiers("a + b", "2.5", null, null).fallback(3, 2, null),
                "spec.advanced.scalingModifiers.target", "positive whole number");
    }

    @Test
    void scalingModifiers() {
        assertSingleError(NAMED.modifiers("a + c", "10", null, null), "spec.advanced.scalingModifiers.formula", "unknown name 'c'");
        assertSingleError(NAMED.modifiers("a +", "10", null, null), "spec.advanced.scalingModifiers.formula", "unexpected");
        assertSingleError(NAMED.modifiers("a > b", "10", null, null), "spec.advanced.scalingModifiers.formula", "must return a number");
        assertSingleError(NAMED.modifiers(null, "10", null, null), "spec.advanced.scalingModifiers.formula", "is required");
        assertSingleError(NAMED.modifiers("a + b", null, null, null), "spec.advanced.scalingModifiers.target", "is required");
        assertSingleError(NAMED.modifiers("a + b", "ten", null, null), "spec.advanced.scalingModifiers.target", "must be a number");
        assertSingleError(NAMED.modifiers("a + b", "0", null, null), "spec.advanced.scalingModifiers.target", "greater than 0");
        assertSingleError(NAMED.modifiers("a + b", "10", "x", null), "spec.advanced.scalingModifiers.activationTarget", "must be a number");
        assertSingleError(NAMED.modifiers("a + b", "10", null, "Utilization"), "spec.advanced.scalingModifiers.metricType", "AverageValue or Value");
        assertSingleError(Specs.defaults().withTriggers(Specs.rabbit(0, "a"), Specs.rabbit(1, null)).modifiers("a", "10", null, null),
                "spec.triggers[1].name", "is required when spec.advanced.scalingModifiers.formula is set");
    }

    @Test
    void hpaBehavior() {
        HpaBehavior bad = new HpaBehavior(new ScalingRules(4000, null, List.of(ScalingPolicy.pods(0, 15)), null),
                new ScalingRules(null, null, List.of(ScalingPolicy.percent(50, 0)), -0.1));
        assertThat(errors(Specs.defaults().behavior(bad))).extracting(FieldError::field).containsExactlyInAnyOrder(
                "spec.advanced.horizontalPodAutoscalerConfig.behavior.scaleUp.stabilizationWindowSeconds",
                "spec.advanced.horizontalPodAutoscalerConfig.behavior.scaleUp.policies[0].value",
                "spec.advanced.horizontalPodAutoscalerConfig.behavior.scaleDown.policies[0].periodSeconds",
                "spec.advanced.horizontalPodAutoscalerConfig.behavior.scaleDown.tolerance");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThat(errors(Specs.defaults().replicas(-1, 5, 3).cooldown(-1).withTriggers())).extracting(FieldError::field)
                .containsExactlyInAnyOrder("spec.idleReplicaCount", "spec.minReplicaCount", "spec.cooldownPeriod", "spec.triggers");
    }
}
