package dev.ebbflow.provisioner.scheduling;

import java.util.List;

/** Everything one provisioning simulation looks at. */
public record SchedulingInput(List<SchedulablePod> pods, List<ExistingNode> nodes, List<InFlightClaim> inFlightClaims, List<PoolTemplate> pools,
                              MinValuesPolicy minValuesPolicy) {

    public SchedulingInput {
        pods = List.copyOf(pods);
        nodes = List.copyOf(nodes);
        inFlightClaims = List.copyOf(inFlightClaims);
        pools = List.copyOf(pools);
    }

    /** With Karpenter's default, {@link MinValuesPolicy#STRICT}. */
    public SchedulingInput(List<SchedulablePod> pods, List<ExistingNode> nodes, List<InFlightClaim> inFlightClaims, List<PoolTemplate> pools) {
        this(pods, nodes, inFlightClaims, pools, MinValuesPolicy.STRICT);
    }

    public SchedulingInput withMinValuesPolicy(MinValuesPolicy policy) {
        return new SchedulingInput(pods, nodes, inFlightClaims, pools, policy);
    }
}
