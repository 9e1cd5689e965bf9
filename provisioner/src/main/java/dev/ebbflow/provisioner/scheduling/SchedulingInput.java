package dev.ebbflow.provisioner.scheduling;

import java.util.List;

/** Everything one provisioning simulation looks at. */
public record SchedulingInput(List<SchedulablePod> pods, List<ExistingNode> nodes, List<InFlightClaim> inFlightClaims, List<PoolTemplate> pools) {

    public SchedulingInput {
        pods = List.copyOf(pods);
        nodes = List.copyOf(nodes);
        inFlightClaims = List.copyOf(inFlightClaims);
        pools = List.copyOf(pools);
    }
}
