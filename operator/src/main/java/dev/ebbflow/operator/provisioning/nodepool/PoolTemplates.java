package dev.ebbflow.operator.provisioning.nodepool;

import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.ResourceList;
import dev.ebbflow.provisioner.scheduling.PoolTemplate;
import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import dev.ebbflow.provisioner.scheduling.Taint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Maps a validated NodePool, its cloud's instance types and its current usage to what the scheduling core packs against. */
public final class PoolTemplates {

    private PoolTemplates() {
    }

    /**
     * @param nodeClassTaints taints the pool's NodeClass puts on every Node besides the pool's own
     *     (the simulated cloud's mark): only pods that tolerate them are provisioned for, and new
     *     claims carry them
     * @param usage what the pool's nodes and in-flight claims already hold; the limits left are the
     *     limits minus {@link NodePoolUsage#committed()}, never below zero
     * @param daemonSetTemplates the pod templates of every DaemonSet; the scheduling core counts those
     *     that would run on a new node of the pool, per instance type, as overhead on it
     */
    public static PoolTemplate of(ValidatedNodePool pool, List<InstanceType> instanceTypes, List<Taint> nodeClassTaints,
                                  NodePoolUsage usage, List<SchedulablePod> daemonSetTemplates) {
        NodePoolLimits limits = pool.limits();
        List<Taint> taints = new ArrayList<>(pool.taints());
        for (Taint t : nodeClassTaints) {
            if (taints.stream().noneMatch(x -> x.key().equals(t.key()) && x.effect().equals(t.effect()))) {
                taints.add(t);
            }
        }
        PoolTemplate template = new PoolTemplate(pool.name(), pool.weight(), pool.requirements(), pool.labels(), taints,
                pool.startupTaints(),
                remaining(limits.cpuMilli(), usage.committed().milli(ResourceList.CPU)),
                remaining(limits.memoryMilli(), usage.committed().milli(ResourceList.MEMORY)),
                remaining(limits.nodes(), usage.nodes()),
                ResourceList.EMPTY, instanceTypes);
        Map<String, Long> others = new HashMap<>();
        limits.milli().forEach((resource, limit) -> {
            if (!resource.equals(ResourceList.CPU) && !resource.equals(ResourceList.MEMORY) && !resource.equals(NodePoolLimits.NODES)) {
                others.put(resource, Math.max(0, limit - usage.committed().milli(resource)));
            }
        });
        return template.withDaemonSets(daemonSetTemplates).withOtherLimits(others);
    }

    private static Long remaining(Long limit, long used) {
        return limit == null ? null : Math.max(0, limit - used);
    }
}
