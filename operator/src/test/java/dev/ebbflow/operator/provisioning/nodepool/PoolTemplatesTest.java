package dev.ebbflow.operator.provisioning.nodepool;

import static dev.ebbflow.operator.provisioning.provisioner.Fixtures.GIB;
import static dev.ebbflow.operator.provisioning.provisioner.Fixtures.claim;
import static dev.ebbflow.operator.provisioning.provisioner.Fixtures.node;
import static dev.ebbflow.operator.provisioning.provisioner.Fixtures.nodePool;
import static dev.ebbflow.operator.provisioning.provisioner.Fixtures.type;
import static dev.ebbflow.operator.provisioning.provisioner.Fixtures.withLimits;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.ResourceList;
import dev.ebbflow.provisioner.scheduling.PoolTemplate;
import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import dev.ebbflow.provisioner.scheduling.Toleration;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PoolTemplatesTest {

    private final List<InstanceType> catalog = List.of(type("small", 2, 4, "amd64"), type("large", 8, 32, "amd64"));

    @Test
    void remainingLimitsSubtractNodesLaunchedClaimsAndTheLargestOptionOfClaimsNotLaunched() {
        ValidatedNodePool pool = ValidatedNodePool.check(withLimits(nodePool("general"), Map.of("cpu", "20", "memory", "100Gi", "nodes", "5"))).pool();
        NodeClaim launched = claim("general-aaaaa", "general", "small");
        launched.getStatus().setCapacity(Map.of("cpu", new Quantity("2"), "memory", new Quantity("4Gi")));
        NodeClaim pending = claim("general-bbbbb", "general", "small", "large");
        NodeClaim otherPool = claim("other-ccccc", "other", "large");
        NodeClaim registered = claim("general-ddddd", "general", "small");
        registered.getStatus().setNodeName("n1");
        registered.getStatus().setCapacity(Map.of("cpu", new Quantity("4")));

        NodePoolUsage usage = NodePoolUsage.of("general", List.of(node("n1", "general", "4", "8Gi"), node("n2", "other", "64", "64Gi")),
                List.of(launched, pending, otherPool, registered), catalog);
        PoolTemplate template = PoolTemplates.of(pool, catalog, List.of(), usage, List.of());

        // n1 (4 cpu; its claim is not counted again) + launched (2) + pending as its largest option (8)
        assertThat(usage.committed().milli("cpu")).isEqualTo(14_000L);
        assertThat(usage.provisioned().milli("cpu")).isEqualTo(6_000L);
        assertThat(usage.nodes()).isEqualTo(3);
        assertThat(template.remainingCpuMilli()).isEqualTo(6_000L);
        assertThat(template.remainingMemoryMilli()).isEqualTo((100 - 8 - 4 - 32) * GIB * 1000);
        assertThat(template.remainingNodes()).isEqualTo(2L);
        assertThat(template.instanceTypes()).isEqualTo(catalog);
        assertThat(template.name()).isEqualTo("general");
    }

    @Test
    void limitsUsedUpLeaveZeroNotANegativeRemainder() {
        ValidatedNodePool pool = ValidatedNodePool.check(withLimits(nodePool("general"), Map.of("cpu", "2"))).pool();
        NodePoolUsage usage = NodePoolUsage.of("general", List.of(node("n1", "general", "4", "8Gi")), List.of(), catalog);

        PoolTemplate template = PoolTemplates.of(pool, catalog, List.of(), usage, List.of());

        assertThat(template.remainingCpuMilli()).isZero();
        assertThat(template.remainingMemoryMilli()).isNull();
        assertThat(pool.limits().reached(usage.committed())).isEqualTo("cpu: 4 in use, limit 2");
    }

    @Test
    void daemonSetTemplatesGoToTheSchedulingCoreWhichCountsOnlyThoseThatWouldRunOnThePoolsNodes() {
        NodePoolUsage none = NodePoolUsage.of("tainted", List.of(), List.of(), catalog);
        var raw = nodePool("tainted");
        raw.getSpec().getTemplate().getSpec().setTaints(List.of(new io.fabric8.kubernetes.api.model.Taint("NoSchedule", "dedicated", null, "gpu")));
        ValidatedNodePool pool = ValidatedNodePool.check(raw).pool();
        SchedulablePod logging = SchedulablePod.simple("kube-system", "logging", Map.of(), ResourceList.parse(Map.of("cpu", "100m", "memory", "128Mi")))
                .withTolerations(List.of(new Toleration(null, "Exists", null, null)));
        SchedulablePod intolerant = SchedulablePod.simple("kube-system", "metrics", Map.of(), ResourceList.parse(Map.of("cpu", "1")));

        PoolTemplate template = PoolTemplates.of(pool, catalog, List.of(), none, List.of(logging, intolerant));

        assertThat(template.daemonSets()).containsExactly(logging, intolerant);
        assertThat(template.taints()).hasSize(1);
        SchedulablePod tolerant = SchedulablePod.simple("default", "p", Map.of(), ResourceList.parse(Map.of("cpu", "100m")))
                .withTolerations(List.of(new Toleration("dedicated", "Exists", null, null)));
        var claim = dev.ebbflow.provisioner.scheduling.Scheduler.provision(
                new dev.ebbflow.provisioner.scheduling.SchedulingInput(List.of(tolerant), List.of(), List.of(), List.of(template))).newClaims().get(0);
        // the pod's 100m plus the tolerant agent's 100m; the intolerant one never runs there
        assertThat(claim.requests().milli("cpu")).isEqualTo(200);
    }
}
