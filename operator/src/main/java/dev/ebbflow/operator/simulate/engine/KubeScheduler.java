package dev.ebbflow.operator.simulate.engine;

import dev.ebbflow.provisioner.scheduling.BindingResult;
import dev.ebbflow.provisioner.scheduling.Placement;
import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import dev.ebbflow.provisioner.scheduling.Scheduler;
import dev.ebbflow.provisioner.scheduling.UnschedulablePod;
import java.util.HashMap;
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
        Map<String, SimPod> byKey = PlacementView.byKey(waiting);
        Map<String, SimNode> nodes = new HashMap<>();
        for (SimNode n : cluster.nodes()) {
            nodes.put(n.name, n);
        }
        List<SchedulablePod> pods = waiting.stream().map(p -> p.schedulable).toList();
        BindingResult r = Scheduler.bind(pods, PlacementView.readyNodes(cluster));
        for (Placement b : r.bindings()) {
            cluster.bind(byKey.get(b.pod().key()), nodes.get(b.target()), nowMs);
        }
        int newlyUnschedulable = 0;
        for (UnschedulablePod u : r.unschedulable()) {
            SimPod p = byKey.get(u.pod().key());
            if (!p.unschedulable) {
                p.unschedulable = true;
                newlyUnschedulable++;
            }
        }
        return newlyUnschedulable;
    }
}
