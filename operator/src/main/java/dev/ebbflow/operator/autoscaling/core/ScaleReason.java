package dev.ebbflow.operator.autoscaling.core;

/** Why the scale loop writes a replica count, so the reconciler can emit KEDA's Events. */
public enum ScaleReason {
    /** From zero or idle to the minimum: Event {@code KEDAScaleTargetActivated}. */
    ACTIVATE,
    /** Down to idleReplicaCount or minReplicaCount after the cooldown: Event {@code KEDAScaleTargetDeactivated}. */
    DEACTIVATE,
    /** Inactive but below minReplicaCount (no idleReplicaCount): brought up to the minimum. */
    RAISE_TO_MIN,
    /** {@code paused-replicas} asks for a count the target does not have. */
    PAUSED_REPLICAS
}
