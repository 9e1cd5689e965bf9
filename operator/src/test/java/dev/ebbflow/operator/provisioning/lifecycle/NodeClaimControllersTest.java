package dev.ebbflow.operator.provisioning.lifecycle;

import static dev.ebbflow.operator.provisioning.lifecycle.ProvisioningHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.operator.provisioning.garbagecollection.OrphanedClaims;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeClaimResources;
import dev.ebbflow.crds.karpenter.NodeClaimStatus;
import dev.ebbflow.crds.karpenter.NodeClassReference;
import dev.ebbflow.crds.karpenter.NodeSelectorRequirementWithMinValues;
import dev.ebbflow.operator.provisioning.kube.NodeClaimConditions;
import dev.ebbflow.operator.provisioning.termination.DrainPlanner;
import dev.ebbflow.operator.provisioning.termination.NodeClaimTerminator;
import dev.ebbflow.provisioner.disruption.Expiration;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class NodeClaimControllersTest {

    KubernetesClient client;
    private ProvisioningHarness harness;

    private ProvisioningHarness start(LifecycleSettings settings) {
        harness = new ProvisioningHarness(client, settings);
        return harness;
    }

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void claimIsLaunchedRegisteredAndInitialized() {
        ProvisioningHarness h = start(LifecycleSettings.defaults());
        h.create(ProvisioningHarness.claim("claim-a"));

        await("finalizer and Launched", () -> h.get("claim-a").getMetadata().getFinalizers().contains(NodeClaimTerminator.FINALIZER)
                && NodeClaimConditions.isTrue(h.get("claim-a"), "Launched"));
        NodeClaim launched = h.get("claim-a");
        assertThat(launched.getStatus().getProviderID()).startsWith("ebbflow-sim://zone-a/");
        assertThat(launched.getStatus().getCapacity()).containsKey("cpu");
        assertThat(launched.getStatus().getAllocatable()).containsKey("memory");
        assertThat(launched.getMetadata().getLabels()).containsEntry(KarpenterLabels.ZONE, "zone-a")
                .containsEntry(KarpenterLabels.CAPACITY_TYPE, "on-demand").containsKey(KarpenterLabels.INSTANCE_TYPE);
        assertThat(NodeClaimConditions.get(launched, "Registered").map(Condition::getStatus)).hasValue("Unknown");
        assertThat(client.nodes().list().getItems()).isEmpty();

        h.tasks.runAll();
        await("Ready", () -> NodeClaimConditions.isTrue(h.get("claim-a"), "Ready"));
        NodeClaim ready = h.get("claim-a");
        assertThat(NodeClaimConditions.isTrue(ready, "Registered")).isTrue();
        assertThat(NodeClaimConditions.isTrue(ready, "Initialized")).isTrue();
        assertThat(ready.getStatus().getNodeName()).isEqualTo("claim-a");
        Node node = client.nodes().withName("claim-a").get();
        assertThat(node.getMetadata().getLabels()).containsEntry(KarpenterLabels.REGISTERED, "true")
                .containsEntry(KarpenterLabels.INITIALIZED, "true").containsEntry("team", "payments");
        assertThat(node.getMetadata().getFinalizers()).contains(NodeClaimTerminator.FINALIZER);
        assertThat(node.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> {
                    assertThat(o.getKind()).isEqualTo("NodeClaim");
                    assertThat(o.getUid()).isEqualTo(ready.getMetadata().getUid());
                });
        // Only the provisioner counts the claims it makes; this one was created by hand.
        assertThat(h.scrape()).doesNotContain("karpenter_nodeclaims_created_total{")
                .contains("karpenter_nodes_created_total{nodepool=\"default\"} 1.0")
                .contains("karpenter_cloudprovider_duration_seconds_count{controller=\"nodeclaim.lifecycle\",method=\"Create\",provider=\"simulated\"} 1");
    }

    @Test
    void aLaunchWhoseStatusWriteWasLostIsNotLaunchedAgain() throws Exception {
        ProvisioningHarness h = start(LifecycleSettings.defaults());
        // The previous leader called the cloud and crashed before it wrote the claim's status: the
        // claim is stored without a provider ID while its instance boots.
        NodeClaim claim = ProvisioningHarness.claim("claim-crash");
        NodeClaim launchedBefore = h.cloud.create(claim);
        h.create(claim);

        await("Launched", () -> NodeClaimConditions.isTrue(h.get("claim-crash"), "Launched"));
        assertThat(h.get("claim-crash").getStatus().getProviderID()).isEqualTo(launchedBefore.getStatus().getProviderID());
        assertThat(h.cloud.list()).hasSize(1);
        assertThat(h.tasks.pending()).as("one boot, not two").isEqualTo(1);
        h.tasks.runAll();
        await("Ready", () -> NodeClaimConditions.isTrue(h.get("claim-crash"), "Ready"));
        assertThat(client.nodes().list().getItems()).hasSize(1);
    }

    @Test
    void aRegisteredInstanceWhoseLaunchWasNotRecordedIsAdoptedNotDoubled() throws Exception {
        ProvisioningHarness h = start(LifecycleSettings.defaults());
        // Launched and registered by a replica that died before recording the launch.
        NodeClaim claim = ProvisioningHarness.claim("claim-adopt");
        NodeClaim launchedBefore = h.cloud.create(claim);
        h.tasks.runAll();
        assertThat(client.nodes().withName("claim-adopt").get()).isNotNull();
        h.create(claim);

        await("Ready", () -> NodeClaimConditions.isTrue(h.get("claim-adopt"), "Ready"));
        assertThat(h.get("claim-adopt").getStatus().getProviderID()).isEqualTo(launchedBefore.getStatus().getProviderID());
        assertThat(h.tasks.pending()).isZero();
        assertThat(client.nodes().list().getItems()).hasSize(1);
    }

    @Test
    void aLaunchedClaimWhoseInstanceIsGoneIsDeletedRatherThanWaitedForUntilTheRegistrationTimeout() {
        ProvisioningHarness h = start(LifecycleSettings.defaults());
        // Launched half a minute ago by a replica that then stopped: its simulated instance went with it.
        NodeClaim claim = ProvisioningHarness.claim("claim-lost");
        claim.setStatus(new NodeClaimStatus());
        claim.getStatus().setProviderID("ebbflow-sim://zone-a/claim-lost");
        NodeClaimConditions.set(claim, "Launched", NodeClaimConditions.TRUE, "Launched", "", Instant.now().minusSeconds(30));
        h.create(claim);

        await("claim deleted", () -> h.get("claim-lost") == null);
        assertThat(h.hasEvent("claim-lost", OrphanedClaims.INSTANCE_NOT_FOUND)).isTrue();
        assertThat(h.scrape()).contains("karpenter_nodeclaims_disrupted_total{nodepool=\"default\",reason=\"garbage_collected\"} 1.0");
        assertThat(client.nodes().list().getItems()).isEmpty();
    }

    @Test
    void insufficientCapacityOnEveryOfferingDeletesTheClaimWithAnEvent() {
        ProvisioningHarness h = start(LifecycleSettings.defaults());
        h.capacity.exhaust("c-2x-amd64-linux", "zone-a", "on-demand");
        h.create(ProvisioningHarness.claim("claim-ice",
                new NodeSelectorRequirementWithMinValues(KarpenterLabels.INSTANCE_TYPE, "In", List.of("c-2x-amd64-linux"))));

        await("claim deleted", () -> h.get("claim-ice") == null);
        await("event", () -> h.hasEvent("claim-ice", NodeClaimLifecycle.INSUFFICIENT_CAPACITY));
        assertThat(client.nodes().list().getItems()).isEmpty();
        assertThat(h.scrape()).contains("karpenter_cloudprovider_errors_total{controller=\"nodeclaim.lifecycle\",error=\"InsufficientCapacityError\"");
    }

    @Test
    void registrationTimeoutDeletesTheClaim() {
        ProvisioningHarness h = start(new LifecycleSettings(Duration.ofMinutes(5), Duration.ofMillis(800), Duration.ofMillis(200)));
        h.create(ProvisioningHarness.claim("claim-slow"));
        await("launched", () -> NodeClaimConditions.isTrue(h.get("claim-slow"), "Launched"));

        await("claim deleted", () -> h.get("claim-slow") == null);
        assertThat(h.hasEvent("claim-slow", Liveness.REGISTRATION_TIMEOUT)).isTrue();
        // The boot that never finished was cancelled with the claim: no Node turns up later.
        h.tasks.runAll();
        assertThat(client.nodes().list().getItems()).isEmpty();
    }

    @Test
    void unknownNodeClassRefIsReportedOnTheClaimWithoutCrashing() {
        ProvisioningHarness h = start(LifecycleSettings.defaults());
        NodeClaim bad = ProvisioningHarness.claim("claim-aws");
        bad.getSpec().setNodeClassRef(new NodeClassReference("karpenter.k8s.aws", "EC2NodeClass", "default"));
        h.create(bad);
        h.create(ProvisioningHarness.claim("claim-ok"));

        await("Launched=False", () -> NodeClaimConditions.get(h.get("claim-aws"), "Launched")
                .filter(c -> "False".equals(c.getStatus())).isPresent());
        Condition launched = NodeClaimConditions.get(h.get("claim-aws"), "Launched").orElseThrow();
        assertThat(launched.getReason()).isEqualTo(NodeClaimLifecycle.NODE_CLASS_NOT_FOUND);
        assertThat(launched.getMessage()).contains("spec.nodeClassRef").contains("karpenter.k8s.aws/EC2NodeClass");
        await("event", () -> h.hasEvent("claim-aws", NodeClaimLifecycle.NODE_CLASS_NOT_FOUND));
        await("the other claim still launches", () -> NodeClaimConditions.isTrue(h.get("claim-ok"), "Launched"));

        client.resources(NodeClaim.class).withName("claim-aws").delete();
        await("bad claim can be deleted", () -> h.get("claim-aws") == null);
    }

    @Test
    void aRequestThatIsNotAQuantityIsReportedByField() {
        ProvisioningHarness h = start(LifecycleSettings.defaults());
        NodeClaim bad = ProvisioningHarness.claim("claim-lots");
        bad.getSpec().setResources(new NodeClaimResources(Map.of("cpu", new Quantity("lots"))));
        h.create(bad);

        await("Launched=False", () -> NodeClaimConditions.get(h.get("claim-lots"), "Launched")
                .filter(c -> "False".equals(c.getStatus())).isPresent());
        Condition launched = NodeClaimConditions.get(h.get("claim-lots"), "Launched").orElseThrow();
        assertThat(launched.getReason()).isEqualTo(NodeClaimLifecycle.LAUNCH_FAILED);
        assertThat(launched.getMessage()).contains("spec.resources.requests.cpu");
        assertThat(client.nodes().list().getItems()).isEmpty();
    }

    @Test
    void deletingAClaimDrainsItsNodeHonouringThePdbThenRemovesInstanceNodeAndFinalizer() {
        ProvisioningHarness h = start(LifecycleSettings.defaults());
        h.readyClaim("claim-d");
        Map<String, String> web = Map.of("app", "web");
        h.runningPod("web-1", "claim-d", web);
        h.runningPod("web-2", "claim-d", web);
        h.runningPod("web-3", "elsewhere", web);
        Pod ds = h.runningPod("agent", "claim-d", Map.of("app", "agent"));
        ds.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("DaemonSet")
                .withName("agent").withUid("ds-uid").withController(true).build()));
        client.pods().inNamespace("default").resource(ds).update();
        client.policy().v1().podDisruptionBudget().inNamespace("default").resource(new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName("web").withNamespace("default").endMetadata()
                .withNewSpec().withMinAvailable(new IntOrString(2)).withNewSelector().withMatchLabels(web).endSelector().endSpec()
                .build()).create();

        // Pods that started on a node we made count towards the startup duration (web-3 runs elsewhere).
        await("pod startups recorded", () -> h.scrape().contains("karpenter_pods_startup_duration_seconds_count 3"));

        client.resources(NodeClaim.class).withName("claim-d").delete();

        await("node tainted", () -> client.nodes().withName("claim-d").get().getSpec().getTaints().stream()
                .anyMatch(t -> DrainPlanner.DISRUPTED_TAINT_KEY.equals(t.getKey()) && "NoSchedule".equals(t.getEffect())));
        await("one web pod evicted", () -> remaining("web-1", "web-2") == 1);
        await("drain blocked event", () -> h.hasEvent("claim-d", NodeClaimTerminator.FAILED_DRAINING));
        assertThat(h.karpenterEvents("claim-d")).anySatisfy(e -> {
            assertThat(e.getInvolvedObject().getKind()).isEqualTo("Node");
            assertThat(e.getReason()).isEqualTo(NodeClaimTerminator.FAILED_DRAINING);
            assertThat(e.getType()).isEqualTo("Warning");
            assertThat(e.getMessage()).isEqualTo("Failed to drain node, 1 pods are waiting to be evicted");
        });
        ProvisioningHarness.sleep(500);
        assertThat(remaining("web-1", "web-2")).as("the PDB holds the second pod").isEqualTo(1);
        assertThat(h.get("claim-d")).isNotNull();
        assertThat(client.nodes().withName("claim-d").get()).isNotNull();

        h.runningPod("web-4", "elsewhere", web);

        await("claim gone", () -> h.get("claim-d") == null);
        assertThat(remaining("web-1", "web-2")).isZero();
        assertThat(client.nodes().withName("claim-d").get()).isNull();
        assertThat(client.pods().inNamespace("default").withName("agent").get()).as("DaemonSet pods are not evicted").isNotNull();
        assertThat(h.scrape()).contains("karpenter_nodeclaims_terminated_total{capacity_type=\"on-demand\",nodepool=\"default\",zone=\"zone-a\"} 1.0")
                .contains("karpenter_nodes_terminated_total{nodepool=\"default\"} 1.0");
    }

    @Test
    void anExpiredClaimIsDeletedAndItsNodeTerminated() {
        ProvisioningHarness h = start(LifecycleSettings.defaults());
        NodeClaim shortLived = ProvisioningHarness.claim("claim-exp");
        shortLived.getSpec().setExpireAfter("3s");
        h.readyClaim(shortLived);

        await("claim expired and gone", () -> h.get("claim-exp") == null);
        assertThat(h.hasEvent("claim-exp", Expiration.EXPIRED)).isTrue();
        await("node gone", () -> client.nodes().withName("claim-exp").get() == null);
    }

    @Test
    void deletingTheNodeTerminatesItsClaim() {
        ProvisioningHarness h = start(LifecycleSettings.defaults());
        h.readyClaim("claim-n");

        client.nodes().withName("claim-n").delete();

        await("claim gone", () -> h.get("claim-n") == null);
        await("node gone", () -> client.nodes().withName("claim-n").get() == null);
    }

    private int remaining(String... names) {
        int n = 0;
        for (String name : names) {
            if (client.pods().inNamespace("default").withName(name).get() != null) {
                n++;
            }
        }
        return n;
    }
}
