package dev.ebbflow.operator.provisioning.termination;

import dev.ebbflow.operator.provisioning.kube.Pods;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which pods of a node being terminated to evict or delete now (pure). Left alone: DaemonSet and
 * static pods, finished pods, and pods tolerating {@code karpenter.sh/disrupted:NoSchedule} (they
 * would come straight back). Non-critical pods go first, {@code system-cluster-critical} and
 * {@code system-node-critical} ones once the others are gone. When the claim's
 * {@code terminationGracePeriod} has run out, the rest are deleted regardless of
 * PodDisruptionBudgets; a pod whose own grace period would outlast that deadline is deleted early
 * enough to get it.
 */
public final class DrainPlanner {

    public static final String DISRUPTED_TAINT_KEY = "karpenter.sh/disrupted";
    public static final Taint DISRUPTED_TAINT = new Taint("NoSchedule", DISRUPTED_TAINT_KEY, null, null);
    private static final long DEFAULT_POD_GRACE_SECONDS = 30;

    /**
     * @param evict   pods to evict through the Eviction API (PodDisruptionBudgets apply)
     * @param delete  pods to delete outright (the deadline leaves no time for budgets)
     * @param waiting drainable pods already terminating
     * @param drained no drainable pod is left on the node
     */
    public record Plan(List<Pod> evict, List<Pod> delete, int waiting, boolean drained) {
    }

    private DrainPlanner() {
    }

    public static boolean isDrainable(Pod pod) {
        return Pods.isReschedulable(pod) && !Pods.tolerates(pod, DISRUPTED_TAINT);
    }

    /** @param deadline when the claim's terminationGracePeriod runs out, if it has one */
    public static Plan plan(List<Pod> podsOnNode, Optional<Instant> deadline, Instant now) {
        List<Pod> drainable = podsOnNode.stream().filter(DrainPlanner::isDrainable).toList();
        int waiting = (int) drainable.stream().filter(Pods::isTerminating).count();
        List<Pod> live = drainable.stream().filter(p -> !Pods.isTerminating(p)).toList();
        List<Pod> delete = new ArrayList<>();
        List<Pod> evictable = new ArrayList<>();
        for (Pod p : live) {
            if (deadline.isPresent() && !now.plusSeconds(graceSeconds(p)).isBefore(deadline.get())) {
                delete.add(p);
            } else {
                evictable.add(p);
            }
        }
        boolean nonCriticalLeft = drainable.stream().anyMatch(p -> !Pods.isCritical(p));
        List<Pod> evict = evictable.stream().filter(p -> !nonCriticalLeft || !Pods.isCritical(p)).toList();
        return new Plan(evict, delete, waiting, drainable.isEmpty());
    }

    private static long graceSeconds(Pod pod) {
        Long grace = pod.getSpec() == null ? null : pod.getSpec().getTerminationGracePeriodSeconds();
        return grace == null ? DEFAULT_POD_GRACE_SECONDS : grace;
    }
}
