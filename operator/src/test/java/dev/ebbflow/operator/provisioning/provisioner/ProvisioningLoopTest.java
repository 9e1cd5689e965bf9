package dev.ebbflow.operator.provisioning.provisioner;

import static dev.ebbflow.operator.provisioning.provisioner.Fixtures.nodePool;
import static dev.ebbflow.operator.provisioning.provisioner.Fixtures.pendingPod;
import static dev.ebbflow.operator.provisioning.provisioner.Fixtures.req;
import static dev.ebbflow.operator.provisioning.provisioner.Fixtures.withLimits;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.crds.karpenter.NodeSelectorRequirementWithMinValues;
import dev.ebbflow.operator.provisioning.nodepool.NodePoolStatuses;
import dev.ebbflow.provisioner.catalog.ResourceList;
import dev.ebbflow.testkit.Eventually;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pending pods (marked Unschedulable by the simulated scheduler) become NodeClaims through the
 * batching window and the scheduling core, against the mock API server with the NodePool controller running.
 */
@EnableKubernetesMockClient(crud = true)
class ProvisioningLoopTest {

    static KubernetesClient client;
    private ProvisioningCluster cluster;

    @BeforeEach
    void start() {
        cluster = new ProvisioningCluster(client);
        cluster.nodeClass("default");
        cluster.start();
    }

    @AfterEach
    void stop() {
        cluster.close();
        cluster.clear();
    }

    private static NodeSelectorRequirementWithMinValues instanceTypes(NodeClaim claim) {
        return claim.getSpec().getRequirements().stream().filter(r -> r.getKey().equals(KarpenterLabels.INSTANCE_TYPE)).findFirst().orElseThrow();
    }

    @Test
    void pendingPodsArePackedIntoNodeClaimsAndNominated() {
        cluster.apply(nodePool("general"));
        for (int i = 0; i < 3; i++) {
            cluster.create(pendingPod("web-" + i, "1", "1Gi"));
        }

        Eventually.within(Duration.ofSeconds(30), () -> assertThat(cluster.claims()).hasSize(1));
        NodeClaim claim = cluster.claims().get(0);
        assertThat(claim.getMetadata().getName()).matches("general-[a-z0-9]{5}");
        assertThat(claim.getMetadata().getLabels()).containsEntry(KarpenterLabels.NODE_POOL, "general");
        // 3 pods of 1 cpu: the 4 vCPU types and larger, never the 1 and 2 vCPU ones
        assertThat(instanceTypes(claim).getValues()).isNotEmpty().allMatch(t -> !t.startsWith("c-1x-") && !t.startsWith("c-2x-"));
        assertThat(claim.getSpec().getResources().getRequests().get("cpu").toString()).isEqualTo("3");
        assertThat(claim.getSpec().getNodeClassRef().getName()).isEqualTo("default");
        assertThat(claim.getSpec().getExpireAfter()).isEqualTo("720h");
        assertThat(claim.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> assertThat(o.getName()).isEqualTo("general"));
        Eventually.within(Duration.ofSeconds(30), () -> assertThat(cluster.events("web-0", Provisioner.NOMINATED)).singleElement()
                .satisfies(e -> {
                    assertThat(e.getMessage()).isEqualTo("Pod should schedule on: nodeclaim/" + claim.getMetadata().getName());
                    assertThat(e.getSource().getComponent()).isEqualTo("karpenter");
                }));
        // The claim's room is counted while it is in flight: later rounds make no second claim.
        Eventually.pause(Duration.ofMillis(2500));
        assertThat(cluster.claims()).hasSize(1);
        assertThat(cluster.registry.scrape()).contains("karpenter_nodeclaims_created_total{nodepool=\"general\",reason=\"provisioning\"} 1.0")
                .contains("karpenter_scheduler_scheduling_duration_seconds_count{controller=\"provisioner\"}")
                .contains("karpenter_scheduler_queue_depth{controller=\"provisioner\"}");
    }

    @Test
    void theHeaviestNodePoolIsUsedFirst() {
        NodePool low = nodePool("low");
        low.getSpec().setWeight(10);
        NodePool high = nodePool("high");
        high.getSpec().setWeight(50);
        cluster.apply(low);
        cluster.apply(high);
        cluster.create(pendingPod("job", "1", "1Gi"));

        Eventually.within(Duration.ofSeconds(30), () -> assertThat(cluster.claims()).hasSize(1));
        assertThat(cluster.claimsOf("high")).hasSize(1);
    }

    @Test
    void anArm64OnlyPoolGetsArm64TypesAndAnAmd64PodItsOwn() {
        cluster.apply(nodePool("arm", req(KarpenterLabels.ARCH, "In", "arm64")));
        cluster.create(pendingPod("arm-pod", "1", "1Gi"));

        Eventually.within(Duration.ofSeconds(30), () -> assertThat(cluster.claims()).hasSize(1));
        assertThat(instanceTypes(cluster.claims().get(0)).getValues()).isNotEmpty().allMatch(t -> t.contains("-arm64-"));

        cluster.apply(nodePool("any"));
        Pod amd = pendingPod("amd-pod", "1", "1Gi");
        amd.getSpec().setNodeSelector(Map.of(KarpenterLabels.ARCH, "amd64"));
        cluster.create(amd);
        Eventually.within(Duration.ofSeconds(30), () -> assertThat(cluster.claimsOf("any")).hasSize(1));
        assertThat(instanceTypes(cluster.claimsOf("any").get(0)).getValues()).isNotEmpty().allMatch(t -> t.contains("-amd64-"));
    }

    @Test
    void onlyPodsToleratingATaintedPoolGetItsNodes() {
        NodePool gpu = nodePool("gpu");
        gpu.getSpec().getTemplate().getSpec().setTaints(List.of(new TaintBuilder().withKey("dedicated").withValue("gpu").withEffect("NoSchedule").build()));
        cluster.apply(gpu);
        Pod tolerant = pendingPod("tolerant", "1", "1Gi");
        tolerant.getSpec().setTolerations(List.of(new TolerationBuilder().withKey("dedicated").withOperator("Equal").withValue("gpu")
                .withEffect("NoSchedule").build()));
        cluster.create(tolerant);
        cluster.create(pendingPod("intolerant", "1", "1Gi"));

        Eventually.within(Duration.ofSeconds(30), () -> assertThat(cluster.claims()).hasSize(1));
        NodeClaim claim = cluster.claims().get(0);
        assertThat(claim.getSpec().getTaints()).singleElement().satisfies(t -> {
            assertThat(t.getKey()).isEqualTo("dedicated");
            assertThat(t.getValue()).isEqualTo("gpu");
        });
        assertThat(claim.getSpec().getResources().getRequests().get("cpu").toString()).isEqualTo("1");
        Eventually.within(Duration.ofSeconds(30), () -> assertThat(cluster.events("intolerant", Provisioner.FAILED_SCHEDULING))
                .singleElement().satisfies(e -> assertThat(e.getMessage()).startsWith("Failed to schedule pod, ").contains("dedicated")));
    }

    @Test
    void usedUpLimitsStopProvisioningWithAStatusMessageAndEvents() {
        cluster.apply(withLimits(nodePool("capped"), Map.of("cpu", "4")));
        for (int i = 0; i < 4; i++) {
            cluster.create(pendingPod("batch-" + i, "1500m", "1Gi"));
        }

        Eventually.within(Duration.ofSeconds(30), () -> {
            Condition limits = NodePoolStatuses.find(cluster.nodePool("capped").getStatus(), NodePoolStatuses.LIMITS_EXCEEDED);
            assertThat(limits).isNotNull();
            assertThat(limits.getStatus()).isEqualTo("True");
            assertThat(limits.getMessage()).contains("cpu").contains("limit 4");
        });
        assertThat(cluster.claims()).hasSize(1);
        assertThat(cluster.claims().get(0).getSpec().getRequirements()).isNotEmpty();
        assertThat(instanceTypes(cluster.claims().get(0)).getValues()).allMatch(t -> t.startsWith("c-1x-") || t.startsWith("c-2x-") || t.startsWith("c-4x-"));
        Eventually.within(Duration.ofSeconds(30), () -> {
            assertThat(cluster.events("capped", NodePoolStatuses.LIMITS_EXCEEDED)).isNotEmpty();
            assertThat(List.of("batch-0", "batch-1", "batch-2", "batch-3").stream()
                    .flatMap(p -> cluster.events(p, Provisioner.FAILED_SCHEDULING).stream()))
                    .anySatisfy(e -> assertThat(e.getMessage()).contains("limits reached"));
        });
        Eventually.pause(Duration.ofMillis(2000));
        assertThat(cluster.claims()).hasSize(1);
        assertThat(NodePoolStatuses.find(cluster.nodePool("capped").getStatus(), NodePoolStatuses.READY).getStatus()).isEqualTo("True");
    }

    @Test
    void aCappedPoolOverflowsIntoTheNextPoolByWeight() {
        NodePool capped = withLimits(nodePool("capped"), Map.of("cpu", "2"));
        capped.getSpec().setWeight(50);
        NodePool overflow = nodePool("overflow");
        overflow.getSpec().setWeight(10);
        cluster.apply(capped);
        cluster.apply(overflow);
        for (int i = 0; i < 4; i++) {
            cluster.create(pendingPod("task-" + i, "700m", "512Mi"));
        }

        Eventually.within(Duration.ofSeconds(30), () -> {
            assertThat(cluster.claimsOf("capped")).hasSize(1);
            assertThat(cluster.claimsOf("overflow")).isNotEmpty();
        });
        assertThat(instanceTypes(cluster.claimsOf("capped").get(0)).getValues()).allMatch(t -> t.startsWith("c-1x-") || t.startsWith("c-2x-"));
        long cpuRequested = cluster.claims().stream()
                .mapToLong(c -> ResourceList.parseMilli(c.getSpec().getResources().getRequests().get("cpu").toString()))
                .sum();
        assertThat(cpuRequested).as("every pod is on one claim or the other").isEqualTo(4 * 700);
    }
}
