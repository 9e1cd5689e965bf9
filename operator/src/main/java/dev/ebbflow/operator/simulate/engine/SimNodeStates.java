package dev.ebbflow.operator.simulate.engine;

import dev.ebbflow.provisioner.disruption.NodeState;
import dev.ebbflow.provisioner.disruption.Offer;
import dev.ebbflow.provisioner.disruption.PodState;
import dev.ebbflow.provisioner.scheduling.ExistingNode;
import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The simulated nodes as the disruption core sees them, read as the operator reads a cluster: a node
 * still booting is a claim whose Node has not registered; a ready node was initialized when it became
 * ready; one being replaced is being disrupted.
 */
final class SimNodeStates {

    private SimNodeStates() {
    }

    static List<NodeState> of(Cluster cluster, List<SimNode> nodes, Set<SimNode> disrupting) {
        List<NodeState> out = new ArrayList<>(nodes.size());
        for (SimNode n : nodes) {
            out.add(of(cluster, n, disrupting.contains(n)));
        }
        return out;
    }

    static NodeState of(Cluster cluster, SimNode n, boolean disrupting) {
        List<PodState> movable = new ArrayList<>(n.pods);
        List<SchedulablePod> bound = new ArrayList<>(n.pods);
        for (SimPod p : cluster.podsOn(n)) {
            movable.add(new PodState(p.schedulable, p.workload.doNotDisrupt, null, 0, 0));
            bound.add(p.schedulable);
        }
        ExistingNode node = n.ready ? new ExistingNode(n.name, n.labels, n.taints, n.allocatable, bound) : null;
        return new NodeState(n.name, node, n.nodePool, disrupting, n.ready, n.ready ? VirtualClock.at(n.readyAtMs) : null,
                n.lastPodEventMs == SimNode.NEVER ? null : VirtualClock.at(n.lastPodEventMs), false, movable,
                new Offer(n.instanceType, n.capacityType, n.zone, n.pricePerHour), n.expiresAtMs == SimNode.NEVER ? null : VirtualClock.at(n.expiresAtMs));
    }
}
