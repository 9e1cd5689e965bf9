package dev.ebbflow.operator.simulate.engine;

import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.crds.keda.scaledobject.ScaledObjectSpec;
import dev.ebbflow.operator.autoscaling.core.FallbackBehavior;
import dev.ebbflow.operator.autoscaling.core.FallbackSpec;
import dev.ebbflow.operator.autoscaling.core.ScalingModifiers;
import dev.ebbflow.operator.autoscaling.core.ScalingSpec;
import dev.ebbflow.operator.simulate.scenario.Manifest;
import dev.ebbflow.operator.autoscaling.core.TriggerSpec;
import dev.ebbflow.operator.autoscaling.core.hpa.HpaBehavior;
import dev.ebbflow.operator.autoscaling.core.hpa.PolicyType;
import dev.ebbflow.operator.autoscaling.core.hpa.ScalingPolicy;
import dev.ebbflow.operator.autoscaling.core.hpa.ScalingRules;
import dev.ebbflow.operator.autoscaling.core.hpa.SelectPolicy;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import java.util.List;

/**
 * Maps a ScaledObject, as read from a scenario, onto the scaling core's {@link ScalingSpec}, so that
 * the core's validator judges it (the simulated triggers never fail, so a fallback never acts).
 */
final class ScaledObjectMapping {

    private ScaledObjectMapping() {
    }

    static ScalingSpec toScalingSpec(Manifest m, ScaledObject so, List<SimulatedTrigger> triggers) {
        ScaledObjectSpec s = so.getSpec();
        List<TriggerSpec> triggerSpecs = triggers.stream().map(t -> new TriggerSpec(t.type(), t.name(), t.metric())).toList();
        HpaBehavior behavior = null;
        ScalingModifiers modifiers = null;
        if (s.getAdvanced() != null) {
            if (s.getAdvanced().getHorizontalPodAutoscalerConfig() != null) {
                behavior = parse(m, "spec.advanced.horizontalPodAutoscalerConfig.behavior",
                        () -> behavior(s.getAdvanced().getHorizontalPodAutoscalerConfig().getBehavior()));
            }
            var sm = s.getAdvanced().getScalingModifiers();
            if (sm != null) {
                modifiers = new ScalingModifiers(sm.getFormula(), sm.getTarget(), sm.getActivationTarget(), sm.getMetricType());
            }
        }
        FallbackSpec fallback = null;
        if (s.getFallback() != null) {
            FallbackBehavior fb = parse(m, "spec.fallback.behavior", () -> FallbackBehavior.fromManifest(s.getFallback().getBehavior()));
            fallback = new FallbackSpec(s.getFallback().getFailureThreshold(), s.getFallback().getReplicas(), fb);
        }
        return new ScalingSpec(s.getPollingInterval(), s.getCooldownPeriod(), s.getInitialCooldownPeriod(), s.getIdleReplicaCount(),
                s.getMinReplicaCount(), s.getMaxReplicaCount(), fallback, modifiers, behavior, triggerSpecs);
    }

    private static <T> T parse(Manifest m, String field, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw m.field(field).error(e.getMessage());
        }
    }

    static HpaBehavior behavior(HorizontalPodAutoscalerBehavior b) {
        if (b == null) {
            return null;
        }
        return new HpaBehavior(rules(b.getScaleUp()), rules(b.getScaleDown()));
    }

    private static ScalingRules rules(HPAScalingRules r) {
        if (r == null) {
            return null;
        }
        List<ScalingPolicy> policies = r.getPolicies() == null ? null : r.getPolicies().stream()
                .map(p -> new ScalingPolicy(PolicyType.fromManifest(p.getType()), p.getValue(), p.getPeriodSeconds()))
                .toList();
        SelectPolicy select = r.getSelectPolicy() == null ? null : SelectPolicy.fromManifest(r.getSelectPolicy());
        return new ScalingRules(r.getStabilizationWindowSeconds(), select, policies, null);
    }
}
