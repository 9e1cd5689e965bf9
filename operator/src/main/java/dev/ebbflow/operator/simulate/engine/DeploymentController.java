package dev.ebbflow.operator.simulate.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Keeps a workload's pod count at its replica count, as the Deployment and ReplicaSet controllers
 * do: creates the missing pods, and on scale-down deletes the pods whose loss costs least first:
 * unscheduled before scheduled, not-ready before ready, newer before older.
 */
public final class DeploymentController {

    /** ReplicaSet's deletion preference: the first in this order goes first. */
    static final Comparator<SimPod> DELETION_ORDER = Comparator
            .comparing((SimPod p) -> p.bound())
            .thenComparing(SimPod::ready)
            .thenComparing(Comparator.comparingLong((SimPod p) -> p.createdMs).reversed())
            .thenComparing(Comparator.comparingLong((SimPod p) -> p.id).reversed());

    private DeploymentController() {
    }

    /** The {@code count} pods to delete from {@code pods}. */
    static List<SimPod> victims(List<SimPod> pods, int count) {
        List<SimPod> sorted = new ArrayList<>(pods);
        sorted.sort(DELETION_ORDER);
        return sorted.subList(0, Math.min(count, sorted.size()));
    }

    /** Creates or deletes pods of {@code w} until it has {@code w.replicas()}; returns whether anything changed. */
    static boolean reconcile(Workload w, Cluster cluster, long nowMs) {
        int live = w.pods.size();
        if (live < w.replicas) {
            for (int i = live; i < w.replicas; i++) {
                cluster.createPod(w, nowMs);
            }
            return true;
        }
        if (live > w.replicas) {
            for (SimPod p : victims(w.pods, live - w.replicas)) {
                cluster.deletePod(p, nowMs);
            }
            w.pods.removeIf(p -> p.deleted);
            return true;
        }
        return false;
    }
}
