package dev.ebbflow.operator.autoscaling.core;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the scale loop carries from one poll to the next, persisted in the ScaledObject's status.
 *
 * @param creationTime {@code metadata.creationTimestamp}, start of {@code initialCooldownPeriod}
 * @param lastActiveTime {@code status.lastActiveTime}, null until a trigger was active
 * @param health {@code status.health}, per metric name
 * @param originalReplicaCount {@code status.originalReplicaCount}, set by the reconciler
 * @param pausedReplicaCount {@code status.pausedReplicaCount}
 * @param paused whether the Paused condition is currently True
 */
public record ScalingState(Instant creationTime, Instant lastActiveTime, Map<String, HealthStatus> health,
        Integer originalReplicaCount, Integer pausedReplicaCount, boolean paused) {

    public ScalingState {
        health = health == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(health));
    }

    public static ScalingState initial(Instant creationTime) {
        return new ScalingState(creationTime, null, Map.of(), null, null, false);
    }

    ScalingState with(Instant lastActive, Map<String, HealthStatus> newHealth, Integer newPausedReplicas, boolean nowPaused) {
        return new ScalingState(creationTime, lastActive, newHealth, originalReplicaCount, newPausedReplicas, nowPaused);
    }
}
