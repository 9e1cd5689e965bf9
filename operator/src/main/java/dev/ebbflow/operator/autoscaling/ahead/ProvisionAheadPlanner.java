package dev.ebbflow.operator.autoscaling.ahead;

import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.operator.ahead.ComingPods;
import dev.ebbflow.operator.ahead.PodsAhead;
import dev.ebbflow.operator.autoscaling.controller.ScaleTargets;
import dev.ebbflow.operator.autoscaling.core.HpaForecast;
import dev.ebbflow.operator.autoscaling.core.ScaleDecision;
import dev.ebbflow.operator.autoscaling.core.ScalingSpec;
import dev.ebbflow.operator.autoscaling.core.TriggerOutcome;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * After a poll, tells node provisioning how many replicas the HPA is about to ask for
 * ({@link HpaForecast}), with the target's pod template, so that nodes for them start before the pods
 * exist. Only for a Deployment or StatefulSet the operator's watch already holds (no request of its
 * own), and unless the ScaledObject says {@code ebbflow.dev/provision-ahead: "false"}.
 */
public final class ProvisionAheadPlanner {

    public static final String ANNOTATION = "ebbflow.dev/provision-ahead";

    private final PodsAhead listener;
    private final Duration horizon;
    private final Duration hpaSyncPeriod;

    /**
     * @param horizon how far ahead the HPA's steps are counted; the reservation's time to live should
     *     leave the pods counted last time to appear after it
     */
    public ProvisionAheadPlanner(PodsAhead listener, Duration horizon, Duration hpaSyncPeriod) {
        this.listener = listener;
        this.horizon = horizon;
        this.hpaSyncPeriod = hpaSyncPeriod;
    }

    /** Whether the ScaledObject leaves provisioning ahead on (any value but "false"). */
    public static boolean enabledFor(ScaledObject so) {
        Map<String, String> annotations = so.getMetadata().getAnnotations();
        return annotations == null || !"false".equalsIgnoreCase(String.valueOf(annotations.get(ANNOTATION)).trim());
    }

    /**
     * @param target the resolved scale target, read through {@code targets} from the watch
     * @param current the target's replicas before this poll's decision
     */
    public void afterPoll(ScaledObject so, ScalingSpec spec, ScaleTargets targets, ScaleTargets.Target target, int current,
            List<TriggerOutcome> outcomes, ScaleDecision decision, Instant now) {
        if (!enabledFor(so) || !decision.hpa().present()) {
            return;
        }
        afterPoll(so, spec, targets.cachedObject(target).orElse(null), target.namespace(), target.name(), current, outcomes, decision, now);
    }

    /**
     * The same, given the target object itself (the what-if simulator holds it, with its ready replicas in its status).
     *
     * @param object the Deployment or StatefulSet; null or another kind: nothing is reported
     */
    public void afterPoll(ScaledObject so, ScalingSpec spec, HasMetadata object, String namespace, String name, int current,
            List<TriggerOutcome> outcomes, ScaleDecision decision, Instant now) {
        if (!enabledFor(so) || !decision.hpa().present()) {
            return;
        }
        Workload workload = Workload.of(object);
        if (workload == null || workload.template() == null) {
            return; // another kind, or not in the watch yet: nothing is known of its pods
        }
        int after = decision.targetReplicas() != null ? decision.targetReplicas() : current;
        int replicas = HpaForecast.replicas(spec, decision.hpa(), outcomes, decision.state().health(), after, workload.readyReplicas(),
                horizon, hpaSyncPeriod, now);
        listener.coming(new ComingPods(so, namespace, workload.kind(), name, workload.selector(), workload.template(),
                current, replicas));
    }

    /** What a Deployment or StatefulSet says of its pods. */
    private record Workload(String kind, LabelSelector selector, PodTemplateSpec template, int readyReplicas) {

        static Workload of(HasMetadata object) {
            if (object instanceof Deployment d && d.getSpec() != null) {
                return new Workload("Deployment", d.getSpec().getSelector(), d.getSpec().getTemplate(),
                        d.getStatus() == null ? 0 : orZero(d.getStatus().getReadyReplicas()));
            }
            if (object instanceof StatefulSet s && s.getSpec() != null) {
                return new Workload("StatefulSet", s.getSpec().getSelector(), s.getSpec().getTemplate(),
                        s.getStatus() == null ? 0 : orZero(s.getStatus().getReadyReplicas()));
            }
            return null;
        }

        private static int orZero(Integer n) {
            return n == null ? 0 : n;
        }
    }
}
