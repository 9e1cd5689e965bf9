package dev.ebbflow.provisioner.scheduling;

import dev.ebbflow.provisioner.catalog.ResourceList;
import java.util.List;

/**
 * A NodeClaim that is launching and has no usable node yet. {@code allocatable} is what it will
 * offer (the launched type's, or the smallest of its options while unknown); {@code pods} were
 * already nominated to it.
 */
public record InFlightClaim(String name, String nodePool, Requirements requirements, List<Taint> taints, ResourceList allocatable, List<SchedulablePod> pods) {

    public InFlightClaim {
        taints = List.copyOf(taints);
        pods = List.copyOf(pods);
    }

    public InFlightClaim withPods(List<SchedulablePod> nominated) {
        return new InFlightClaim(name, nodePool, requirements, taints, allocatable, nominated);
    }
}
