package dev.ebbflow.operator.autoscaling.core.hpa;

/**
 * The outcome of one HPA sync.
 *
 * @param desiredReplicas the replica count the HPA wants (equal to current when it does not scale)
 * @param rescale whether the HPA writes {@code desiredReplicas} to the target's /scale
 * @param reason why, in the HPA's own words (e.g. {@code ScaleUpLimit}, {@code ScalingDisabled})
 */
public record HpaResult(int desiredReplicas, boolean rescale, String reason, HpaState state) {
}
