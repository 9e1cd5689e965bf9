package dev.ebbflow.operator.provisioning.kube;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Pure facts about a pod that draining, emptiness and PodDisruptionBudgets depend on. */
public final class Pods {

    public static final String MIRROR_ANNOTATION = "kubernetes.io/config.mirror";
    public static final String DO_NOT_DISRUPT_ANNOTATION = "karpenter.sh/do-not-disrupt";

    private Pods() {
    }

    public static boolean isOwnedByDaemonSet(Pod pod) {
        if (pod.getMetadata().getOwnerReferences() == null) {
            return false;
        }
        for (OwnerReference o : pod.getMetadata().getOwnerReferences()) {
            if ("DaemonSet".equals(o.getKind()) && Boolean.TRUE.equals(o.getController())) {
                return true;
            }
        }
        return false;
    }

    /** A static pod's API shadow: deleting it does nothing, the kubelet owns it. */
    public static boolean isMirror(Pod pod) {
        return pod.getMetadata().getAnnotations() != null && pod.getMetadata().getAnnotations().containsKey(MIRROR_ANNOTATION);
    }

    public static boolean isTerminal(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    public static boolean isTerminating(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() != null;
    }

    /**
     * A pod that would have to move elsewhere if its node went away: not a DaemonSet or static pod
     * (they belong to the node), not finished.
     */
    public static boolean isReschedulable(Pod pod) {
        return !isOwnedByDaemonSet(pod) && !isMirror(pod) && !isTerminal(pod);
    }

    /** Running and Ready, not being deleted: what a PodDisruptionBudget counts as healthy. */
    public static boolean isHealthy(Pod pod) {
        if (isTerminating(pod) || pod.getStatus() == null || !"Running".equals(pod.getStatus().getPhase())) {
            return false;
        }
        return readyCondition(pod).map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    /** When the pod became Ready (its containers all running), if it did. */
    public static Optional<Instant> runningSince(Pod pod) {
        if (pod.getStatus() == null || !"Running".equals(pod.getStatus().getPhase())) {
            return Optional.empty();
        }
        Optional<PodCondition> ready = readyCondition(pod).filter(c -> "True".equals(c.getStatus()) && c.getLastTransitionTime() != null);
        if (ready.isPresent()) {
            return Optional.of(Instant.parse(ready.get().getLastTransitionTime()));
        }
        return Optional.ofNullable(pod.getStatus().getStartTime()).map(Instant::parse);
    }

    public static boolean isCritical(Pod pod) {
        String priorityClass = pod.getSpec() == null ? null : pod.getSpec().getPriorityClassName();
        return "system-cluster-critical".equals(priorityClass) || "system-node-critical".equals(priorityClass);
    }

    public static boolean tolerates(Pod pod, Taint taint) {
        if (pod.getSpec() == null || pod.getSpec().getTolerations() == null) {
            return false;
        }
        for (Toleration t : pod.getSpec().getTolerations()) {
            boolean keyMatches = t.getKey() == null || t.getKey().isEmpty() ? "Exists".equals(t.getOperator()) : t.getKey().equals(taint.getKey());
            boolean effectMatches = t.getEffect() == null || t.getEffect().isEmpty() || t.getEffect().equals(taint.getEffect());
            boolean valueMatches = "Exists".equals(t.getOperator()) || Objects.equals(emptyToNull(t.getValue()), emptyToNull(taint.getValue()));
            if (keyMatches && effectMatches && valueMatches) {
                return true;
            }
        }
        return false;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static Optional<PodCondition> readyCondition(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst();
    }

    public static String key(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }
}
