package dev.ebbflow.provisioner.scheduling;

import java.util.List;

/** Everything one provisioning simulation looks at. */
public record SchedulingInput(List<SchedulablePod> pods, List<ExistingNode> nodes, List<InFlightClaim> inFlightClaims, List<PoolTemplate> pools,
                              MinValuesPolicy minValuesPolicy, Packing packing) {

    public SchedulingInput {
        pods = List.copyOf(pods);
        nodes = List.copyOf(nodes);
        inFlightClaims = List.copyOf(inFlightClaims);
        pools = List.copyOf(pools);
    }

    /** Packed for {@link Packing#LEAST_COST}. */
    public SchedulingInput(List<SchedulablePod> pods, List<ExistingNode> nodes, List<InFlightClaim> inFlightClaims, List<PoolTemplate> pools,
                           MinValuesPolicy minValuesPolicy) {
        this(pods, nodes, inFlightClaims, pools, minValuesPolicy, Packing.LEAST_COST);
    }

    /** With Karpenter's default, {@link MinValuesPolicy#STRICT}, packed for {@link Packing#LEAST_COST}. */
    public SchedulingInput(List<SchedulablePod> pods, List<ExistingNode> nodes, List<InFlightClaim> inFlightClaims, List<PoolTemplate> pools) {
        this(pods, nodes, inFlightClaims, pools, MinValuesPolicy.STRICT);
    }

    public SchedulingInput withMinValuesPolicy(MinValuesPolicy policy) {
        return new SchedulingInput(pods, nodes, inFlightClaims, pools, policy, packing);
    }

    public SchedulingInput withPacking(Packing how) {
        return new SchedulingInput(pods, nodes, inFlightClaims, pools, minValuesPolicy, how);
    }
}
