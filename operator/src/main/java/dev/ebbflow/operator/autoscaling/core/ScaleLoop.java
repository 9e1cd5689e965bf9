package dev.ebbflow.operator.autoscaling.core;

import dev.ebbflow.operator.autoscaling.core.hpa.HpaBehavior;
import dev.ebbflow.operator.autoscaling.core.hpa.ScalingRules;
import dev.ebbflow.operator.autoscaling.core.hpa.SelectPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One poll of a ScaledObject's scale loop, as KEDA documents it: the operator owns the moves between
 * zero (or {@code idleReplicaCount}) and the minimum, the HPA owns 1..N.
 * <ul>
 *   <li>a trigger active and the target below {@code max(minReplicaCount, 1)} (zero or idle): scale to
 *       that count; any active trigger renews {@code lastActiveTime};</li>
 *   <li>nothing active, the cooldown over (strictly more than {@code cooldownPeriod} since the last
 *       activity, and strictly more than {@code initialCooldownPeriod} since creation): scale to
 *       {@code idleReplicaCount} if set, else to {@code minReplicaCount} when that is 0;</li>
 *   <li>nothing active and below {@code minReplicaCount} (no idle count): raise to the minimum;</li>
 *   <li>a trigger error with nothing active holds the count (the HPA applies the fallback, or, with no
 *       fallback, Ready becomes False with KEDA's TriggerError); at zero replicas the HPA is disabled,
 *       so a failing scaler leaves the target at zero, as in KEDA;</li>
 *   <li>{@code autoscaling.keda.sh/force-activation: "true"}: active whatever the triggers read;</li>
 *   <li>paused: no trigger is read, the HPA is removed, {@code paused-replicas} is applied once;
 *       {@code paused-scale-in/out} block that direction both here and in the HPA's behavior.</li>
 * </ul>
 * Pure: time comes in as {@code now}, persisted state in and out as {@link ScalingState}.
 */
public final class ScaleLoop {

    private ScaleLoop() {
    }

    /**
     * Decides one poll.
     *
     * @param spec a spec that passed {@link ScalingSpecValidator}
     * @param currentReplicas {@code spec.replicas} of the target's /scale
     * @param outcomes one outcome per trigger, in {@code spec.triggers} order (ignored while paused)
     * @param state the persisted state from the previous poll
     * @param pause the parsed pause annotations
     * @param now the time of this poll
     */
    public static ScaleDecision decide(ScalingSpec spec, int currentReplicas, List<TriggerOutcome> outcomes,
            ScalingState state, PauseState pause, Instant now) {
        if (pause.paused()) {
            return paused(currentReplicas, state, pause);
        }
        if (outcomes.size() != spec.triggers().size()) {
            throw new IllegalArgumentException("expected " + spec.triggers().size() + " trigger outcomes, got " + outcomes.size());
        }
        Map<String, HealthStatus> health = nextHealth(spec, outcomes, state.health());
        boolean fallbackActive = Fallback.anyPastThreshold(spec, health);
        Activity activity = activity(spec, outcomes);
        if (pause.forceActivation() && !activity.active) {
            // KEDA's force-activation: active (up to max(minReplicaCount, 1)) whatever the triggers read.
            activity = new Activity(true, activity.error, List.of());
        }

        List<Condition> conditions = new ArrayList<>();
        Condition readyHint = null;
        Integer target = null;
        ScaleReason reason = null;
        Instant lastActive = state.lastActiveTime();
        int min = spec.minReplicas();
        Integer idle = spec.idleReplicaCount();

        if (activity.active) {
            conditions.add(KedaConditions.active());
            lastActive = now;
            if (currentReplicas < spec.hpaMinReplicas() && !pause.scaleOutPaused()) {
                target = spec.hpaMinReplicas();
                reason = ScaleReason.ACTIVATE;
            } else if (activity.error) {
                readyHint = KedaConditions.partialTriggerError();
            }
        } else {
            Condition active = KedaConditions.notActive();
            if (activity.error && Fallback.configured(spec) && spec.fallback().replicaCount() != 0) {
                // Holding on: scaling to zero now would disable the HPA, and with it the fallback.
            } else if (activity.error && !Fallback.configured(spec)) {
                readyHint = KedaConditions.triggerError();
            } else if ((idle != null && currentReplicas > idle) || (currentReplicas > 0 && min == 0)) {
                if (!pause.scaleInPaused()) {
                    if (cooledDown(spec, state, now)) {
                        target = idle != null ? idle : min;
                        reason = ScaleReason.DEACTIVATE;
                    } else {
                        active = KedaConditions.coolingDown();
                    }
                }
            } else if (idle == null && currentReplicas < min) {
                target = min;
                reason = ScaleReason.RAISE_TO_MIN;
            }
            conditions.add(active);
        }
        conditions.add(fallbackActive ? KedaConditions.fallbackExists() : KedaConditions.noFallback());
        if (state.paused()) {
            conditions.add(KedaConditions.unpaused());
        }
        if (target != null && target == currentReplicas) {
            target = null;
            reason = null;
        }
        int replicasAfter = target != null ? target : currentReplicas;
        HpaPlan hpa = hpaPlan(spec, pause, activity.active, replicasAfter);
        ScalingState next = state.with(lastActive, health, null, false);
        return new ScaleDecision(target, reason, activity.active, fallbackActive, next, conditions, readyHint, hpa, activity.activeTriggers);
    }

    private static ScaleDecision paused(int currentReplicas, ScalingState state, PauseState pause) {
        Integer target = pause.pausedReplicas() != null && pause.pausedReplicas() != currentReplicas ? pause.pausedReplicas() : null;
        ScalingState next = state.with(state.lastActiveTime(), state.health(), pause.pausedReplicas(), true);
        return new ScaleDecision(target, target == null ? null : ScaleReason.PAUSED_REPLICAS, false, false, next,
                List.of(KedaConditions.paused()), null, HpaPlan.ABSENT, List.of());
    }

    private record Activity(boolean active, boolean error, List<String> activeTriggers) {
    }

    private static Activity activity(ScalingSpec spec, List<TriggerOutcome> outcomes) {
        boolean error = outcomes.stream().anyMatch(TriggerOutcome::failed);
        if (spec.usesScalingModifiers()) {
            // With scalingModifiers only the composite value against activationTarget decides.
            CompositeMetric.Result r = CompositeMetric.evaluate(spec, outcomes);
            boolean active = !r.failed() && r.value() > CompositeMetric.activationTarget(spec.scalingModifiers());
            return new Activity(active, error || r.failed(), active ? List.of(ScalingModifiers.COMPOSITE_METRIC_NAME) : List.of());
        }
        List<String> active = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            if (!outcomes.get(i).failed() && outcomes.get(i).active()) {
                // KEDA names active triggers by their metric, in status and in the KEDAScaleTargetActivated Event.
                active.add(spec.triggers().get(i).metric().metricName());
            }
        }
        if (spec.onlyResourceTriggers()) {
            // KEDA: cpu and memory never activate by themselves, and a ScaledObject with nothing else is always active.
            return new Activity(true, error, List.of());
        }
        return new Activity(!active.isEmpty(), error, active);
    }

    /**
     * Counts consecutive failures per metric. KEDA only keeps {@code status.health} when a fallback is
     * configured, since nothing else reads it.
     */
    static Map<String, HealthStatus> nextHealth(ScalingSpec spec, List<TriggerOutcome> outcomes, Map<String, HealthStatus> previous) {
        if (!Fallback.configured(spec)) {
            return Map.of();
        }
        Map<String, HealthStatus> next = new LinkedHashMap<>();
        for (int i = 0; i < spec.triggers().size(); i++) {
            if (spec.triggers().get(i).metric().isResource()) {
                continue;
            }
            String metric = spec.triggers().get(i).metric().metricName();
            HealthStatus before = previous.getOrDefault(metric, HealthStatus.HAPPY);
            next.put(metric, outcomes.get(i).failed() ? before.afterFailure() : HealthStatus.HAPPY);
        }
        return next;
    }

    /**
     * KEDA scales in only once the cooldown has strictly passed; the documentation adds that nothing
     * is scaled in during {@code initialCooldownPeriod} after creation, whatever the triggers said.
     */
    static boolean cooledDown(ScalingSpec spec, ScalingState state, Instant now) {
        boolean pastInitial = state.creationTime() == null
                || state.creationTime().plus(Duration.ofSeconds(spec.initialCooldownPeriodSeconds())).isBefore(now);
        boolean pastCooldown = state.lastActiveTime() == null
                || state.lastActiveTime().plus(Duration.ofSeconds(spec.cooldownPeriodSeconds())).isBefore(now);
        return pastInitial && pastCooldown;
    }

    /**
     * The HPA's bounds and behavior. While idle at a non-zero {@code idleReplicaCount}, the HPA is pinned
     * to that count: with its usual {@code minReplicas = max(min, 1)} it would immediately undo the
     * idle scale-in (KEDA's known limitation that makes only idle 0 work there).
     */
    public static HpaPlan hpaPlan(ScalingSpec spec, PauseState pause, boolean active, int replicasAfter) {
        if (pause.paused()) {
            // A paused ScaledObject has no HPA; the reconciler asks too, and must not put back what the loop removed.
            return HpaPlan.ABSENT;
        }
        Integer idle = spec.idleReplicaCount();
        boolean idling = !active && idle != null && idle > 0 && replicasAfter <= idle;
        int min = idling ? idle : spec.hpaMinReplicas();
        int max = idling ? idle : spec.maxReplicas();
        return new HpaPlan(true, min, max, behavior(spec.hpaBehavior(), pause));
    }

    /** The user's behavior with the paused direction(s) set to {@code selectPolicy: Disabled}. */
    static HpaBehavior behavior(HpaBehavior user, PauseState pause) {
        if (!pause.scaleInPaused() && !pause.scaleOutPaused()) {
            return user;
        }
        HpaBehavior b = user == null ? HpaBehavior.none() : user;
        if (pause.scaleInPaused()) {
            b = b.withScaleDown(orEmpty(b.scaleDown()).withSelectPolicy(SelectPolicy.DISABLED));
        }
        if (pause.scaleOutPaused()) {
            b = b.withScaleUp(orEmpty(b.scaleUp()).withSelectPolicy(SelectPolicy.DISABLED));
        }
        return b;
    }

    private static ScalingRules orEmpty(ScalingRules r) {
        return r == null ? ScalingRules.empty() : r;
    }
}
