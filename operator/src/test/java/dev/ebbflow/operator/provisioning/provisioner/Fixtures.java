package dev.ebbflow.operator.provisioning.provisioner;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeClaimStatus;
import dev.ebbflow.crds.karpenter.NodeClassReference;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.crds.karpenter.NodeSelectorRequirementWithMinValues;
import dev.ebbflow.crds.simulated.SimulatedNodeClass;
import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Offering;
import dev.ebbflow.provisioner.catalog.ResourceList;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Objects the provisioning tests build over and over. */
public final class Fixtures {

    public static final long GIB = 1L << 30;

    private Fixtures() {
    }

    public static NodeSelectorRequirementWithMinValues req(String key, String operator, String... values) {
        return new NodeSelectorRequirementWithMinValues(key, operator, List.of(values));
    }

    /** A NodePool on the simulated NodeClass {@code default}, weight unset. */
    public static NodePool nodePool(String name, NodeSelectorRequirementWithMinValues... requirements) {
        return nodePool(name, "default", requirements);
    }

    public static NodePool nodePool(String name, String nodeClass, NodeSelectorRequirementWithMinValues... requirements) {
        NodePool pool = new NodePool();
        pool.getMetadata().setName(name);
        pool.getSpec().getTemplate().getSpec().setNodeClassRef(new NodeClassReference(SimulatedNodeClass.GROUP, SimulatedNodeClass.KIND, nodeClass));
        pool.getSpec().getTemplate().getSpec().setRequirements(new ArrayList<>(List.of(requirements)));
        return pool;
    }

    public static NodePool withLimits(NodePool pool, Map<String, String> limits) {
        Map<String, Quantity> q = new HashMap<>();
        limits.forEach((k, v) -> q.put(k, new Quantity(v)));
        pool.getSpec().setLimits(q);
        return pool;
    }

    /** A pod the scheduler gave up on: PodScheduled=False, reason Unschedulable. */
    public static Pod pendingPod(String name, String cpu, String memory) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").withLabels(Map.of("app", name)).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("app:1")
                .withNewResources().withRequests(Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory))).endResources()
                .endContainer().endSpec()
                .withNewStatus().withPhase("Pending").addNewCondition().withType("PodScheduled").withStatus("False").withReason("Unschedulable")
                .endCondition().endStatus()
                .build();
    }

    public static Pod boundPod(String name, String node, String cpu, String memory) {
        Pod pod = pendingPod(name, cpu, memory);
        pod.getSpec().setNodeName(node);
        pod.getStatus().setPhase("Running");
        pod.getStatus().getConditions().get(0).setStatus("True");
        pod.getStatus().getConditions().get(0).setReason(null);
        return pod;
    }

    /** A Ready node of a pool, with its capacity as allocatable. */
    public static Node node(String name, String pool, String cpu, String memory) {
        Map<String, String> labels = new HashMap<>();
        labels.put(KarpenterLabels.HOSTNAME, name);
        labels.put(KarpenterLabels.ARCH, "amd64");
        labels.put(KarpenterLabels.OS, "linux");
        if (pool != null) {
            labels.put(KarpenterLabels.NODE_POOL, pool);
            labels.put(KarpenterLabels.INITIALIZED, "true");
        }
        Map<String, Quantity> capacity = Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory), "pods", new Quantity("110"));
        return new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewSpec().withProviderID("test://" + name).endSpec()
                .withNewStatus().withCapacity(capacity).withAllocatable(capacity)
                .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
                .build();
    }

    /** A NodeClaim of a pool allowing these instance types, not launched yet. */
    public static NodeClaim claim(String name, String pool, String... instanceTypes) {
        NodeClaim claim = new NodeClaim();
        claim.getMetadata().setName(name);
        claim.getMetadata().setLabels(Map.of(KarpenterLabels.NODE_POOL, pool));
        claim.getSpec().setNodeClassRef(new NodeClassReference(SimulatedNodeClass.GROUP, SimulatedNodeClass.KIND, "default"));
        claim.getSpec().setRequirements(new ArrayList<>(List.of(req(KarpenterLabels.INSTANCE_TYPE, "In", instanceTypes))));
        claim.setStatus(new NodeClaimStatus());
        return claim;
    }

    /** An instance type with one on-demand offering in zone-a at 0.01/vCPU-hour (half for arm64). */
    public static InstanceType type(String name, int cpus, int memoryGib, String arch) {
        ResourceList capacity = ResourceList.ofMilli(Map.of(ResourceList.CPU, cpus * 1000L, ResourceList.MEMORY, memoryGib * GIB * 1000, ResourceList.PODS, 110_000L));
        double price = cpus * ("arm64".equals(arch) ? 0.005 : 0.01);
        return new InstanceType(name, capacity, ResourceList.EMPTY, arch, Set.of("linux"), Map.of(), Set.of(),
                List.of(new Offering("zone-a", Offering.ON_DEMAND, price, true)));
    }
}
