package dev.ebbflow.operator.simulate.engine;

import dev.ebbflow.provisioner.disruption.ConsolidationInput;
import dev.ebbflow.provisioner.disruption.DisruptionSettings;
import dev.ebbflow.provisioner.disruption.Emptiness;
import dev.ebbflow.provisioner.disruption.NodeState;
import dev.ebbflow.provisioner.scheduling.ExistingNode;
import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The simulated cluster as one pass of drift or consolidation reads it, as the operator's {@code DisruptionReader} reads a cluster. */
final class DisruptionInputs {

    private DisruptionInputs() {
    }

    /** @param disrupting the nodes a replacement is under way for: they count as being disrupted */
    static ConsolidationInput of(Cluster cluster, Provisioner provisioner, Set<SimNode> disrupting, long nowMs) {
        Map<String, DisruptionSettings> settings = new HashMap<>();
        List<NodeState> claims = new ArrayList<>();
        for (NodePoolModel pool : provisioner.pools()) {
            settings.put(pool.name, pool.disruption);
            claims.addAll(SimNodeStates.of(cluster, cluster.nodesOf(pool.name), disrupting));
        }
        List<ExistingNode> others = new ArrayList<>();
        for (SimNode n : cluster.readyNodes()) {
            if (!settings.containsKey(n.nodePool)) {
                List<SchedulablePod> pods = cluster.podsOn(n).stream().map(p -> p.schedulable).toList();
                others.add(new ExistingNode(n.name, n.labels, n.taints, n.allocatable, pods));
            }
        }
        List<SchedulablePod> pending = cluster.unboundPods().stream().map(p -> p.schedulable).toList();
        return new ConsolidationInput(settings, claims, others, Provisioner.inFlight(cluster), provisioner.templates(cluster), pending,
                provisioner.nominations(VirtualClock.at(nowMs)), VirtualClock.at(nowMs), Emptiness.NOMINATION_WINDOW, false);
    }
}
