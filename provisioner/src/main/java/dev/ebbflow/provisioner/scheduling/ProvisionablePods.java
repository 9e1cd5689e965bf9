package dev.ebbflow.provisioner.scheduling;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;

/** Which pods the provisioner should make room for. */
public final class ProvisionablePods {

    private ProvisionablePods() {
    }

    /**
     * True for a pod the scheduler gave up on ({@code PodScheduled=False}, reason {@code Unschedulable})
     * that is not bound, not nominated to a node, not owned by a DaemonSet (its pods follow nodes, they
     * never justify one) or by a Node (static pods), not terminal and not being deleted.
     */
    public static boolean isProvisionable(Pod pod) {
        if (pod.getSpec() == null || pod.getMetadata() == null) {
            return false;
        }
        if (notEmpty(pod.getSpec().getNodeName())) {
            return false;
        }
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return false;
        }
        if (pod.getStatus() == null) {
            return false;
        }
        String phase = pod.getStatus().getPhase();
        if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
            return false;
        }
        if (notEmpty(pod.getStatus().getNominatedNodeName())) {
            return false;
        }
        if (pod.getMetadata().getOwnerReferences() != null) {
            for (OwnerReference o : pod.getMetadata().getOwnerReferences()) {
                if ("DaemonSet".equals(o.getKind()) || "Node".equals(o.getKind())) {
                    return false;
                }
            }
        }
        if (pod.getStatus().getConditions() != null) {
            for (PodCondition c : pod.getStatus().getConditions()) {
                if ("PodScheduled".equals(c.getType())) {
                    return "False".equals(c.getStatus()) && "Unschedulable".equals(c.getReason());
                }
            }
        }
        return false;
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }
}
