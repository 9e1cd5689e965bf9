package dev.ebbflow.provisioner.scheduling;

import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.ResourceList;
import java.util.List;
import java.util.Map;

/**
 * What the scheduling core needs of one NodePool, mapped by the controller.
 *
 * @param requirements the pool's requirements (template labels are added as In requirements by the core)
 * @param taints taints a pod must tolerate; {@code startupTaints} are not (they go away on their own)
 * @param remainingCpuMilli remaining cpu under {@code limits} (limit minus what the pool's nodes have); null = unlimited
 * @param remainingMemoryMilli remaining memory in milli-bytes; null = unlimited
 * @param remainingNodes nodes that may still be created; null = unlimited
 * @param daemonSetOverhead requests counted on every new node of the pool whatever its instance type
 *     (for tests and benchmarks; a cluster's DaemonSets go in {@code daemonSets})
 * @param instanceTypes the instance types the pool's node class offers
 * @param daemonSets pod templates of the cluster's DaemonSets; each counts on the new nodes of those
 *     instance types its pods would run on, see {@link DaemonSetOverhead}
 * @param remainingOtherMilli remaining room under {@code limits} for resources other than cpu and
 *     memory (pods, ephemeral-storage, extended resources), milli-units; absent = unlimited
 */
public record PoolTemplate(
        String name,
        int weight,
        Requirements requirements,
        Map<String, String> labels,
        List<Taint> taints,
        List<Taint> startupTaints,
        Long remainingCpuMilli,
        Long remainingMemoryMilli,
        Long remainingNodes,
        ResourceList daemonSetOverhead,
        List<InstanceType> instanceTypes,
        List<SchedulablePod> daemonSets,
        Map<String, Long> remainingOtherMilli) {

    public PoolTemplate {
        labels = Map.copyOf(labels);
        taints = List.copyOf(taints);
        startupTaints = List.copyOf(startupTaints);
        instanceTypes = List.copyOf(instanceTypes);
        daemonSets = List.copyOf(daemonSets);
        remainingOtherMilli = Map.copyOf(remainingOtherMilli);
    }

    public PoolTemplate(String name, int weight, Requirements requirements, Map<String, String> labels, List<Taint> taints, List<Taint> startupTaints,
                        Long remainingCpuMilli, Long remainingMemoryMilli, Long remainingNodes, ResourceList daemonSetOverhead,
                        List<InstanceType> instanceTypes) {
        this(name, weight, requirements, labels, taints, startupTaints, remainingCpuMilli, remainingMemoryMilli, remainingNodes, daemonSetOverhead,
                instanceTypes, List.of(), Map.of());
    }

    /** A pool with no labels, taints or limits, for tests and benchmarks. */
    public static PoolTemplate basic(String name, int weight, Requirements requirements, List<InstanceType> types) {
        return new PoolTemplate(name, weight, requirements, Map.of(), List.of(), List.of(), null, null, null, ResourceList.EMPTY, types);
    }

    public PoolTemplate withTaints(List<Taint> t) {
        return new PoolTemplate(name, weight, requirements, labels, t, startupTaints, remainingCpuMilli, remainingMemoryMilli, remainingNodes, daemonSetOverhead, instanceTypes, daemonSets, remainingOtherMilli);
    }

    public PoolTemplate withLimits(Long cpuMilli, Long memoryMilli, Long nodes) {
        return new PoolTemplate(name, weight, requirements, labels, taints, startupTaints, cpuMilli, memoryMilli, nodes, daemonSetOverhead, instanceTypes, daemonSets, remainingOtherMilli);
    }

    public PoolTemplate withDaemonSetOverhead(ResourceList overhead) {
        return new PoolTemplate(name, weight, requirements, labels, taints, startupTaints, remainingCpuMilli, remainingMemoryMilli, remainingNodes, overhead, instanceTypes, daemonSets, remainingOtherMilli);
    }

    public PoolTemplate withLabels(Map<String, String> l) {
        return new PoolTemplate(name, weight, requirements, l, taints, startupTaints, remainingCpuMilli, remainingMemoryMilli, remainingNodes, daemonSetOverhead, instanceTypes, daemonSets, remainingOtherMilli);
    }

    public PoolTemplate withDaemonSets(List<SchedulablePod> templates) {
        return new PoolTemplate(name, weight, requirements, labels, taints, startupTaints, remainingCpuMilli, remainingMemoryMilli, remainingNodes, daemonSetOverhead, instanceTypes, templates, remainingOtherMilli);
    }

    /** Limits on resources other than cpu and memory, e.g. {@code pods}: what is left of each, milli-units. */
    public PoolTemplate withOtherLimits(Map<String, Long> remainingMilli) {
        return new PoolTemplate(name, weight, requirements, labels, taints, startupTaints, remainingCpuMilli, remainingMemoryMilli, remainingNodes, daemonSetOverhead, instanceTypes, daemonSets, remainingMilli);
    }

    public PoolTemplate withWeight(int w) {
        return new PoolTemplate(name, w, requirements, labels, taints, startupTaints, remainingCpuMilli, remainingMemoryMilli, remainingNodes, daemonSetOverhead, instanceTypes, daemonSets, remainingOtherMilli);
    }

    public PoolTemplate withStartupTaints(List<Taint> t) {
        return new PoolTemplate(name, weight, requirements, labels, taints, t, remainingCpuMilli, remainingMemoryMilli, remainingNodes, daemonSetOverhead, instanceTypes, daemonSets, remainingOtherMilli);
    }

    /** Everything a node of this pool will carry: requirements, template labels and the nodepool label. */
    public Requirements nodeRequirements() {
        return requirements.and(Requirements.fromLabels(labels)).and(Requirements.of(Requirement.in(WellKnownLabels.NODEPOOL, name)));
    }
}
