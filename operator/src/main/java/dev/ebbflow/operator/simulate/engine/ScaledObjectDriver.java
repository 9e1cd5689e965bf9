package dev.ebbflow.operator.simulate.engine;

import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.operator.autoscaling.ahead.ProvisionAheadPlanner;
import dev.ebbflow.operator.autoscaling.core.ExternalMetrics;
import dev.ebbflow.operator.autoscaling.core.HpaPlan;
import dev.ebbflow.operator.autoscaling.core.PauseState;
import dev.ebbflow.operator.autoscaling.core.ScaleDecision;
import dev.ebbflow.operator.autoscaling.core.ScaleLoop;
import dev.ebbflow.operator.autoscaling.core.ScalingSpec;
import dev.ebbflow.operator.autoscaling.core.ScalingState;
import dev.ebbflow.operator.autoscaling.core.ServedMetric;
import dev.ebbflow.operator.autoscaling.core.TriggerOutcome;
import dev.ebbflow.operator.autoscaling.core.hpa.HpaBehavior;
import dev.ebbflow.operator.autoscaling.core.hpa.HpaController;
import dev.ebbflow.operator.autoscaling.core.hpa.HpaResult;
import dev.ebbflow.operator.autoscaling.core.hpa.HpaSpec;
import dev.ebbflow.operator.autoscaling.core.hpa.HpaState;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs one ScaledObject the way the operator does, with the operator's cores: the KEDA scale loop
 * ({@link ScaleLoop}) every {@code pollingInterval} moves the target between zero and one, and the
 * generated HPA ({@link HpaController}) every 15 s moves it between one and N, both reading the
 * simulated queues live, as the external metrics API would without {@code useCachedMetrics}.
 */
final class ScaledObjectDriver {

    static final long HPA_SYNC_MS = 15_000;

    /** A replica change decided by KEDA or the HPA. */
    record Change(String by, int from, int to, String reason) {
    }

    final String name;
    final ScaledObject scaledObject;
    final Workload target;
    final ScalingSpec spec;
    final List<SimulatedTrigger> triggers;
    final List<SimulatedQueue> queues;
    final List<double[]> publishRates;
    final PauseState pause;
    final long pollMs;
    private ScalingState state;
    private HpaState hpaState = HpaState.initial();
    private HpaPlan hpaPlan = HpaPlan.ABSENT;
    long nextPollMs;
    long nextHpaMs;
    /** Tells provisioning ahead what the HPA is about to ask for after each poll; null when it is off. */
    private ProvisionAheadPlanner ahead;

    ScaledObjectDriver(ScaledObject scaledObject, Workload target, ScalingSpec spec, List<SimulatedTrigger> triggers, List<SimulatedQueue> queues,
            List<double[]> publishRates, PauseState pause) {
        this.name = scaledObject.getMetadata().getName();
        this.scaledObject = scaledObject;
        this.target = target;
        this.spec = spec;
        this.triggers = List.copyOf(triggers);
        this.queues = new ArrayList<>(queues);
        this.publishRates = new ArrayList<>(publishRates);
        this.pause = pause;
        this.pollMs = spec.pollingIntervalSeconds() * 1000L;
        this.state = ScalingState.initial(VirtualClock.EPOCH);
    }

    private List<TriggerOutcome> read(Instant now) {
        List<TriggerOutcome> out = new ArrayList<>(triggers.size());
        for (int i = 0; i < triggers.size(); i++) {
            out.add(triggers.get(i).outcome(queues.get(i), publishRates.get(i), now));
        }
        return out;
    }

    void planAhead(ProvisionAheadPlanner planner) {
        this.ahead = planner;
    }

    /** One poll of the KEDA scale loop; a change when it moves the target. */
    Change poll(Instant now) {
        List<TriggerOutcome> outcomes = read(now);
        int current = target.replicas;
        ScaleDecision d = ScaleLoop.decide(spec, target.replicas, outcomes, state, pause, now);
        state = d.state();
        hpaPlan = d.hpa();
        if (ahead != null) {
            // As the operator's poller does, with the Deployment as its watch would hold it.
            target.deployment.setStatus(new DeploymentStatusBuilder().withReplicas(target.livePods()).withReadyReplicas(target.readyPods).build());
            ahead.afterPoll(scaledObject, spec, target.deployment, target.namespace, target.name, current, outcomes, d, now);
        }
        if (d.targetReplicas() == null) {
            return null;
        }
        Change c = new Change("keda", target.replicas, d.targetReplicas(),
                d.reason() + ": " + describe(outcomes) + (d.activeTriggers().isEmpty() ? "" : ", active " + d.activeTriggers()));
        target.replicas = d.targetReplicas();
        return c;
    }

    /** One sync of the generated HPA; a change when it rescales. */
    Change hpaSync(Instant now) {
        if (!hpaPlan.present()) {
            return null;
        }
        List<TriggerOutcome> outcomes = read(now);
        Map<String, Double> values = new LinkedHashMap<>();
        for (ServedMetric m : ExternalMetrics.values(spec, outcomes, state.health(), target.replicas)) {
            values.put(m.metricName(), m.failed() ? Double.NaN : m.value());
        }
        HpaBehavior behavior = hpaPlan.behavior() == null ? HpaBehavior.none() : hpaPlan.behavior();
        HpaSpec hpa = new HpaSpec(hpaPlan.minReplicas(), hpaPlan.maxReplicas(), ExternalMetrics.hpaMetrics(spec), behavior);
        HpaResult r = HpaController.sync(hpa, target.replicas, target.readyPods, values, hpaState, now);
        hpaState = r.state();
        if (!r.rescale() || r.desiredReplicas() == target.replicas) {
            return null;
        }
        Change c = new Change("hpa", target.replicas, r.desiredReplicas(), r.reason() + ": " + describe(outcomes));
        target.replicas = r.desiredReplicas();
        return c;
    }

    private String describe(List<TriggerOutcome> outcomes) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < outcomes.size(); i++) {
            SimulatedTrigger t = triggers.get(i);
            if (i > 0) {
                b.append(", ");
            }
            b.append(t.metric().metricName()).append('=').append(String.format(Locale.ROOT, "%.1f", outcomes.get(i).value()))
                    .append(" (target ").append(String.format(Locale.ROOT, "%s", trim(t.metric().target()))).append(')');
        }
        return b.toString();
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
