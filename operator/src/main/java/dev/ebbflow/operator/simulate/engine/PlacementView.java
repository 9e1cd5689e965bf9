package dev.ebbflow.operator.simulate.engine;

import dev.ebbflow.provisioner.disruption.RemovalSimulation;
import dev.ebbflow.provisioner.catalog.ResourceList;
import dev.ebbflow.provisioner.scheduling.ExistingNode;
import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cluster as the scheduling core sees it: ready nodes with their bound pods, and pods by key.
 *
 * <p>When none of the pods to place has pod affinity, anti-affinity, topology spread or host ports,
 * the pods already bound only matter through the room they take. The view then shows each node
 * with that room already taken off and no pod list, and leaves out the nodes where none of the pods
 * would fit; the core decides exactly the same at a cost that no longer grows with the pods bound.
 */
final class PlacementView {

    private PlacementView() {
    }

    static List<ExistingNode> readyNodes(Cluster cluster, List<SchedulablePod> toPlace) {
        boolean compact = toPlace.stream().noneMatch(PlacementView::needsBoundPods);
        Set<ResourceList> requests = new HashSet<>();
        for (SchedulablePod p : toPlace) {
            requests.add(p.requests());
        }
        List<ExistingNode> out = new ArrayList<>();
        for (SimNode n : cluster.nodes()) {
            if (!n.ready) {
                continue;
            }
            if (compact) {
                ResourceList free = n.allocatable.minus(n.requested);
                if (requests.stream().anyMatch(free::fits)) {
                    out.add(new ExistingNode(n.name, n.labels, n.taints, free, List.of()));
                }
                continue;
            }
            List<SchedulablePod> pods = new ArrayList<>(n.pods);
            for (SimPod p : cluster.podsOn(n)) {
                pods.add(p.schedulable);
            }
            out.add(new ExistingNode(n.name, n.labels, n.taints, n.allocatable, pods));
        }
        return out;
    }

    /** Whether placing this pod depends on which pods run where, not only on how much room is left. */
    static boolean needsBoundPods(SchedulablePod p) {
        return RemovalSimulation.placementDependsOnOthers(p);
    }

    static Map<String, SimPod> byKey(List<SimPod> pods) {
        Map<String, SimPod> m = new HashMap<>(pods.size() * 2);
        for (SimPod p : pods) {
            m.put(p.schedulable.key(), p);
        }
        return m;
    }
}
