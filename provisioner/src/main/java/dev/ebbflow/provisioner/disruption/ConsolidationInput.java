package dev.ebbflow.provisioner.disruption;

import dev.ebbflow.provisioner.scheduling.ExistingNode;
import dev.ebbflow.provisioner.scheduling.InFlightClaim;
import dev.ebbflow.provisioner.scheduling.PoolTemplate;
import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything one consolidation pass looks at.
 *
 * @param settings       each NodePool's disruption settings, by name (a pool missing here is not disrupted)
 * @param claims         every NodeClaim of those pools
 * @param otherNodes     nodes no pool manages: room the pods may move to, never candidates
 * @param inFlight       claims launching, with the pods nominated to them
 * @param pools          the pools new capacity may come from, as the provisioner sees them
 * @param pending        pods waiting for a node now; consolidation does not act while they wait
 * @param spotToSpot     Karpenter's {@code SpotToSpotConsolidation} feature gate (off by default)
 */
public record ConsolidationInput(Map<String, DisruptionSettings> settings, List<NodeState> claims, List<ExistingNode> otherNodes,
                                 List<InFlightClaim> inFlight, List<PoolTemplate> pools, List<SchedulablePod> pending,
                                 Nominations nominations, Instant now, Duration nominationWindow, boolean spotToSpot) {

    public ConsolidationInput {
        settings = Map.copyOf(settings);
        claims = List.copyOf(claims);
        otherNodes = List.copyOf(otherNodes);
        inFlight = List.copyOf(inFlight);
        pools = List.copyOf(pools);
        pending = List.copyOf(pending);
    }

    public ConsolidationInput at(Instant later) {
        return new ConsolidationInput(settings, claims, otherNodes, inFlight, pools, pending, nominations, later, nominationWindow, spotToSpot);
    }
}
