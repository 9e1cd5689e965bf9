package dev.ebbflow.operator.simulate.engine;

import dev.ebbflow.provisioner.scheduling.BindingResult;
import dev.ebbflow.provisioner.scheduling.Placement;
import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import dev.ebbflow.provisioner.scheduling.Scheduler;
import dev.ebbflow.provisioner.catalog.ResourceList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;

/**
 * The simulated kube-scheduler: the project's scheduling core binds the waiting pods, oldest first,
 * to ready nodes; the rest are marked unschedulable, which is what the provisioner watches for.
 */
final class KubeScheduler {

    private KubeScheduler() {
    }

    /** Binds what fits; returns how many pods became unschedulable for the first time. */
    static int schedule(Cluster cluster, long nowMs) {
        List<SimPod> waiting = cluster.unboundPods();
        if (waiting.isEmpty()) {
            return 0;
        }
        if (!anyFitsByResources(waiting, cluster)) {
            // Free room is necessary for any binding: when no waiting pod fits any ready node's free
            // resources, the core would bind nothing, so spare it the pass over every bound pod.
            return markUnschedulable(waiting);
        }
        Map<String, SimPod> byKey = PlacementView.byKey(waiting);
        Map<String, SimNode> nodes = new HashMap<>();
        for (SimNode n : cluster.nodes()) {
            nodes.put(n.name, n);
        }
        List<SchedulablePod> pods = waiting.stream().map(p -> p.schedulable).toList();
        BindingResult r = Scheduler.bind(pods, PlacementView.readyNodes(cluster, pods));
        for (Placement b : r.bindings()) {
            cluster.bind(byKey.get(b.pod().key()), nodes.get(b.target()), nowMs);
        }
        return markUnschedulable(r.unschedulable().stream().map(u -> byKey.get(u.pod().key())).toList());
    }

    private static int markUnschedulable(List<SimPod> pods) {
        int newly = 0;
        for (SimPod p : pods) {
            if (!p.unschedulable) {
                p.unschedulable = true;
                newly++;
            }
        }
        return newly;
    }

    static boolean anyFitsByResources(List<SimPod> waiting, Cluster cluster) {
        Set<Workload> workloads = new HashSet<>();
        for (SimPod p : waiting) {
            workloads.add(p.workload);
        }
        for (SimNode n : cluster.nodes()) {
            if (!n.ready) {
                continue;
            }
            ResourceList free = n.allocatable.minus(n.requested);
            for (Workload w : workloads) {
                if (free.fits(w.podRequests)) {
                    return true;
                }
            }
        }
        return false;
    }
}
