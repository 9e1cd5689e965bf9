package dev.ebbflow.provisioner.disruption;

import dev.ebbflow.crds.karpenter.Budget;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Offering;
import dev.ebbflow.provisioner.catalog.ResourceList;
import dev.ebbflow.provisioner.scheduling.ExistingNode;
import dev.ebbflow.provisioner.scheduling.PoolTemplate;
import dev.ebbflow.provisioner.scheduling.Requirements;
import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import dev.ebbflow.provisioner.scheduling.WellKnownLabels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Nodes, pods and pools for the disruption core's tests. */
final class TestNodes {

    static final Instant T0 = Instant.parse("2026-01-05T20:00:00Z");
    static final String POOL = "default";

    private TestNodes() {
    }

    static NodePool pool(String policy, String after, Budget... budgets) {
        NodePool p = new NodePool();
        p.getMetadata().setName(POOL);
        p.getSpec().getDisruption().setConsolidationPolicy(policy);
        p.getSpec().getDisruption().setConsolidateAfter(after);
        if (budgets.length > 0) {
            p.getSpec().getDisruption().setBudgets(List.of(budgets));
        }
        return p;
    }

    static DisruptionSettings settings(String policy, String after, Budget... budgets) {
        return DisruptionSettings.of(pool(policy, after, budgets));
    }

    static SchedulablePod pod(String name, long cpuMilli) {
        return SchedulablePod.simple("default", name, Map.of("app", name), ResourceList.ofMilli(Map.of(ResourceList.CPU, cpuMilli,
                ResourceList.MEMORY, cpuMilli * 1024L * 1024 * 1000)));
    }

    /** An initialized, ready node of {@link #POOL} with {@code cpu} cores and the pods given, as on-demand at {@code price}. */
    static NodeState node(String name, Instant initialized, int cpu, double price, PodState... pods) {
        return node(name, initialized, cpu, price, "on-demand", pods);
    }

    static NodeState node(String name, Instant initialized, int cpu, double price, String capacityType, PodState... pods) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(WellKnownLabels.HOSTNAME, name);
        labels.put(WellKnownLabels.NODEPOOL, POOL);
        labels.put(WellKnownLabels.INSTANCE_TYPE, "c-" + cpu);
        labels.put(WellKnownLabels.CAPACITY_TYPE, capacityType);
        labels.put(WellKnownLabels.ZONE, "zone-a");
        List<SchedulablePod> bound = new ArrayList<>();
        for (PodState p : pods) {
            bound.add(p.pod());
        }
        ResourceList alloc = ResourceList.ofMilli(Map.of(ResourceList.CPU, cpu * 1000L, ResourceList.MEMORY, cpu * 1024L * 1024 * 1024 * 1000,
                ResourceList.PODS, 110_000L));
        return new NodeState(name, new ExistingNode(name, labels, List.of(), alloc, bound), POOL, false, true, initialized, null, false,
                List.of(pods), new Offer("c-" + cpu, capacityType, "zone-a", price), null);
    }

    /** A {@code c-<cpu>} type (1 GiB per vCPU) at 0.05 per vCPU an hour, in zone-a, of the capacity type given. */
    static InstanceType type(int cpu, String capacityType, double pricePerCpu) {
        ResourceList capacity = ResourceList.ofMilli(Map.of(ResourceList.CPU, cpu * 1000L, ResourceList.MEMORY, cpu * 1024L * 1024 * 1024 * 1000,
                ResourceList.PODS, 110_000L));
        return new InstanceType("c-" + cpu, capacity, ResourceList.EMPTY, "amd64", Set.of("linux"), Map.of(), Set.of(),
                List.of(new Offering("zone-a", capacityType, cpu * pricePerCpu, true)));
    }

    /** c-2, c-4 and c-8, on-demand, 0.05 per vCPU. */
    static PoolTemplate onDemandPool() {
        return PoolTemplate.basic(POOL, 0, Requirements.NONE, List.of(type(2, "on-demand", 0.05), type(4, "on-demand", 0.05),
                type(8, "on-demand", 0.05)));
    }

    static ConsolidationInput input(DisruptionSettings settings, List<NodeState> nodes, List<PoolTemplate> pools, Instant now) {
        return new ConsolidationInput(Map.of(POOL, settings), nodes, List.of(), List.of(), pools, List.of(), Nominations.NONE, now,
                Emptiness.NOMINATION_WINDOW, false);
    }

    static PodState movable(String name, long cpuMilli) {
        return PodState.movable(pod(name, cpuMilli));
    }
}
