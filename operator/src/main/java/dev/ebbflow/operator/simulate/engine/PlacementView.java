package dev.ebbflow.operator.simulate.engine;

import dev.ebbflow.provisioner.scheduling.ExistingNode;
import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The cluster as the scheduling core sees it: ready nodes with their bound pods, and pods by key. */
final class PlacementView {

    private PlacementView() {
    }

    static List<ExistingNode> readyNodes(Cluster cluster) {
        List<ExistingNode> out = new ArrayList<>();
        for (SimNode n : cluster.nodes()) {
            if (!n.ready) {
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

    static Map<String, SimPod> byKey(List<SimPod> pods) {
        Map<String, SimPod> m = new HashMap<>(pods.size() * 2);
        for (SimPod p : pods) {
            m.put(p.schedulable.key(), p);
        }
        return m;
    }
}
