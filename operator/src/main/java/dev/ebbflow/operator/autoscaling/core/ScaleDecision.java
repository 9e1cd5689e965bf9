package dev.ebbflow.operator.autoscaling.core;

import java.util.List;

/**
 * The result of one scale-loop poll.
 *
 * @param targetReplicas the count to write through /scale, or null to leave the target alone
 * @param reason why {@code targetReplicas} is written, null when it is not
 * @param active whether the ScaledObject counts as active this poll
 * @param fallbackActive whether at least one metric is past {@code fallback.failureThreshold}
 * @param state the state to persist (lastActiveTime, health, pausedReplicaCount)
 * @param conditions Active / Fallback / Paused conditions to set (only those this poll decides)
 * @param readyHint a Ready condition KEDA derives from trigger errors, or null (Ready stays the reconciler's)
 * @param hpa how the generated HPA should look
 * @param activeTriggers the metric names of the active triggers, for the activation Event
 */
public record ScaleDecision(Integer targetReplicas, ScaleReason reason, boolean active, boolean fallbackActive,
        ScalingState state, List<Condition> conditions, Condition readyHint, HpaPlan hpa, List<String> activeTriggers) {

    public ScaleDecision {
        conditions = List.copyOf(conditions);
        activeTriggers = List.copyOf(activeTriggers);
    }

    public Condition condition(String type) {
        return conditions.stream().filter(c -> c.type().equals(type)).findFirst().orElse(null);
    }
}
