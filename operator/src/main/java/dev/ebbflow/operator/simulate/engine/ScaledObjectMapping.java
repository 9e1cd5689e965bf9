package dev.ebbflow.operator.simulate.engine;

import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.crds.keda.scaledobject.ScaledObjectSpec;
import dev.ebbflow.operator.autoscaling.core.ScalingSpec;
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
 * Maps a ScaledObject, as read from a scenario, onto the scaling core's {@link ScalingSpec}. The
 * simulated triggers never fail, so {@code fallback} has nothing to act on and is left out.
 */
final class ScaledObjectMapping {

    private ScaledObjectMapping() {
    }

    static ScalingSpec toScalingSpec(ScaledObject so, List<SimulatedTrigger> triggers) {
        ScaledObjectSpec s = so.getSpec();
        List<TriggerSpec> triggerSpecs = triggers.stream().map(t -> new TriggerSpec(t.type(), t.name(), t.metric())).toList();
        HpaBehavior behavior = null;
        if (s.getAdvanced() != null && s.getAdvanced().getHorizontalPodAutoscalerConfig() != null) {
            behavior = behavior(s.getAdvanced().getHorizontalPodAutoscalerConfig().getBehavior());
        }
        return new ScalingSpec(s.getPollingInterval(), s.getCooldownPeriod(), s.getInitialCooldownPeriod(), s.getIdleReplicaCount(),
                s.getMinReplicaCount(), s.getMaxReplicaCount(), null, null, behavior, triggerSpecs);
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
