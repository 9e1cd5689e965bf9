package dev.ebbflow.provisioner.disruption;

import dev.ebbflow.provisioner.scheduling.SchedulablePod;

/**
 * A pod that would have to move if its node went away (not a DaemonSet, static or finished pod),
 * with what decides whether and at what price it may be moved.
 *
 * @param doNotDisrupt      the pod carries {@code karpenter.sh/do-not-disrupt: "true"}
 * @param evictionBlockedBy why the Eviction API would refuse it now (a PodDisruptionBudget with no
 *                          disruption left), or null when it would be let go
 * @param priority          the pod's priority
 * @param deletionCost      its {@code controller.kubernetes.io/pod-deletion-cost}, 0 when unset
 */
public record PodState(SchedulablePod pod, boolean doNotDisrupt, String evictionBlockedBy, int priority, long deletionCost) {

    public static PodState movable(SchedulablePod pod) {
        return new PodState(pod, false, null, 0, 0);
    }
}
