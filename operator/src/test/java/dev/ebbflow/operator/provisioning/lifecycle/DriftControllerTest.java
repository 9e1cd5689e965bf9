package dev.ebbflow.operator.provisioning.lifecycle;

import static dev.ebbflow.operator.provisioning.lifecycle.ProvisioningHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeClaimTemplateMetadata;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.crds.simulated.SimulatedNodeClass;
import dev.ebbflow.operator.provisioning.disruption.ClaimConditions;
import dev.ebbflow.operator.provisioning.disruption.ConsolidationController;
import dev.ebbflow.operator.provisioning.disruption.DisruptionActions;
import dev.ebbflow.operator.provisioning.disruption.DisruptionReader;
import dev.ebbflow.operator.provisioning.disruption.DriftController;
import dev.ebbflow.operator.provisioning.kube.KarpenterEvents;
import dev.ebbflow.operator.provisioning.kube.NodeClaimConditions;
import dev.ebbflow.operator.provisioning.provisioner.CloudLookup;
import dev.ebbflow.operator.provisioning.provisioner.ClusterSnapshot;
import dev.ebbflow.operator.provisioning.provisioner.PoolCatalogs;
import dev.ebbflow.operator.observability.KarpenterMetrics;
import dev.ebbflow.operator.provisioning.termination.DrainPlanner;
import dev.ebbflow.provisioner.disruption.Drift;
import dev.ebbflow.provisioner.disruption.Nominations;
import dev.ebbflow.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Drift on the mock API server: the Drifted condition, one budget's worth replaced at a time, replacement first. */
@EnableKubernetesMockClient(crud = true)
class DriftControllerTest {

    KubernetesClient client;

    private DriftController controller(ProvisioningHarness h) {
        return controller(h, Clock.systemUTC());
    }

    private DriftController controller(ProvisioningHarness h, Clock clock) {
        ConsolidationController.Settings settings = ConsolidationController.Settings.defaults(Duration.ZERO).withReplacementTimeout(Duration.ofSeconds(30));
        DisruptionReader reader = new DisruptionReader(client, () -> new ClusterSnapshot(client.pods().inAnyNamespace().list().getItems(),
                client.nodes().list().getItems(), client.resources(NodeClaim.class).list().getItems(),
                client.resources(NodePool.class).list().getItems(), List.of()), new PoolCatalogs(CloudLookup.only(h.cloud)), () -> Nominations.NONE,
                settings);
        KarpenterEvents events = new KarpenterEvents(client, clock, "ebbflow-test");
        KarpenterMetrics metrics = new KarpenterMetrics(h.registry);
        ClaimConditions conditions = new ClaimConditions(client, clock);
        return new DriftController(reader, new DisruptionActions(client, events, metrics, conditions, settings.replacementTimeout(), new Random(1)),
                conditions, CloudLookup.only(h.cloud), events, metrics, clock);
    }

    /** Two nodes made from the pool as it is now, each running a pod too big to share a node with the other. */
    private ProvisioningHarness twoBusyNodes(String budget) {
        ProvisioningHarness h = new ProvisioningHarness(client, LifecycleSettings.defaults().withNominationWindow(Duration.ZERO));
        NodePool pool = h.nodePool(ProvisioningHarness.POOL, "WhenEmpty", "Never", budget);
        for (String name : List.of("old-a", "old-b")) {
            NodeClaim claim = ProvisioningHarness.claim(name);
            claim.getMetadata().setAnnotations(Map.of(Drift.NODEPOOL_HASH, Drift.poolHash(pool), Drift.NODEPOOL_HASH_VERSION, Drift.HASH_VERSION));
            h.readyClaim(claim);
            busyPod("web-" + name.substring(4), name);
        }
        return h;
    }

    private void withTwoBusyNodes(String budget, java.util.function.Consumer<ProvisioningHarness> test) {
        try (ProvisioningHarness h = twoBusyNodes(budget)) {
            test.accept(h);
        }
    }

    private void busyPod(String name, String nodeName) {
        pod(name, nodeName, "1200m");
    }

    private void pod(String name, String nodeName, String cpu) {
        Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().withNodeName(nodeName).addToTolerations(new TolerationBuilder().withKey("ebbflow.dev/simulated").withOperator("Exists").build())
                .addNewContainer().withName("app").withImage("app:1").withNewResources().withRequests(Map.of("cpu", new Quantity(cpu)))
                .endResources().endContainer().endSpec().build();
        Pod created = client.pods().inNamespace("default").resource(pod).create();
        created.setStatus(new PodStatusBuilder().withPhase("Running").build());
        client.pods().inNamespace("default").resource(created).updateStatus();
    }

    private void changeTemplate(Map<String, String> labels) {
        client.resources(NodePool.class).withName(ProvisioningHarness.POOL).edit(p -> {
            NodeClaimTemplateMetadata meta = new NodeClaimTemplateMetadata();
            meta.setLabels(labels);
            p.getSpec().getTemplate().setMetadata(labels.isEmpty() ? null : meta);
            return p;
        });
    }

    @Test
    void aTemplateChangeReplacesTheNodesOneBudgetsWorthAtATime() {
        withTwoBusyNodes("1", this::replacesOneAtATime);
    }

    private void replacesOneAtATime(ProvisioningHarness h) {
        DriftController drift = controller(h);
        assertThat(drift.runOnce()).isEqualTo(DisruptionActions.Step.NOTHING);
        assertThat(NodeClaimConditions.get(h.get("old-a"), ClaimConditions.DRIFTED)).isEmpty();

        changeTemplate(Map.of("team", "checkout"));
        assertThat(drift.runOnce()).isEqualTo(DisruptionActions.Step.LAUNCHED);
        for (String old : List.of("old-a", "old-b")) {
            Condition drifted = NodeClaimConditions.get(h.get(old), ClaimConditions.DRIFTED).orElseThrow();
            assertThat(drifted.getStatus()).isEqualTo("True");
            assertThat(drifted.getReason()).isEqualTo(Drift.NODEPOOL_DRIFTED);
        }
        List<String> disrupting = List.of("old-a", "old-b").stream().filter(c -> NodeClaimConditions.isTrue(h.get(c), ClaimConditions.DISRUPTION_REASON)).toList();
        assertThat(disrupting).hasSize(1);
        String first = disrupting.get(0);
        String second = first.equals("old-a") ? "old-b" : "old-a";
        assertThat(NodeClaimConditions.get(h.get(first), ClaimConditions.DISRUPTION_REASON).orElseThrow().getReason()).isEqualTo("Drifted");
        assertThat(tainted(first)).isTrue();
        assertThat(tainted(second)).as("the budget allows one at a time").isFalse();
        NodeClaim replacement = newClaims().get(0);
        assertThat(replacement.getMetadata().getLabels()).containsEntry("team", "checkout");
        assertThat(replacement.getMetadata().getAnnotations()).containsEntry(Drift.NODEPOOL_HASH,
                Drift.poolHash(client.resources(NodePool.class).withName(ProvisioningHarness.POOL).get()));

        await("replacement launched", () -> NodeClaimConditions.isTrue(h.get(replacement.getMetadata().getName()), "Launched"));
        assertThat(drift.runOnce()).isEqualTo(DisruptionActions.Step.WAITING);
        assertThat(h.get(first).getMetadata().getDeletionTimestamp()).as("kept until its replacement is initialized").isNull();
        h.tasks.runAll();
        await("replacement initialized", () -> NodeClaimConditions.isTrue(h.get(replacement.getMetadata().getName()), "Initialized"));
        assertThat(drift.runOnce()).isEqualTo(DisruptionActions.Step.REPLACED);
        await("first old claim terminated", () -> h.get(first) == null);
        assertThat(h.karpenterEvents(first)).filteredOn(e -> DisruptionActions.DISRUPTING.equals(e.getReason()))
                .extracting(e -> e.getMessage()).anyMatch(m -> m.startsWith("Disrupting NodeClaim: Drifted/Replace"));

        // The first node's pod was evicted and, a bare pod, not recreated: the second's fits on the empty replacement.
        assertThat(drift.runOnce()).isEqualTo(DisruptionActions.Step.DELETED);
        await("second old claim terminated", () -> h.get(second) == null);
        assertThat(h.scrape())
                .contains("karpenter_voluntary_disruption_decisions_total{consolidation_type=\"\",decision=\"replace\",reason=\"drifted\"} 1.0")
                .contains("karpenter_voluntary_disruption_decisions_total{consolidation_type=\"\",decision=\"delete\",reason=\"drifted\"} 1.0")
                .contains("karpenter_voluntary_disruption_eligible_nodes{reason=\"drifted\"} 1.0")
                .contains("karpenter_nodepools_allowed_disruptions{nodepool=\"default\",reason=\"Drifted\"} 1.0")
                .containsPattern("karpenter_nodeclaims_created_total\\{nodepool=\"default\",reason=\"drifted\"} 1.0")
                .containsPattern("karpenter_voluntary_disruption_decision_evaluation_duration_seconds_count\\{consolidation_type=\"\",method=\"drifted\"} [1-9]");
    }

    @Test
    void aBudgetOfZeroHoldsDriftedNodesBackAndSaysSo() {
        withTwoBusyNodes("0", this::holdsBack);
    }

    private void holdsBack(ProvisioningHarness h) {
        DriftController drift = controller(h);
        changeTemplate(Map.of("team", "checkout"));
        assertThat(drift.runOnce()).isEqualTo(DisruptionActions.Step.NOTHING);
        assertThat(newClaims()).isEmpty();
        assertThat(NodeClaimConditions.isTrue(h.get("old-a"), ClaimConditions.DRIFTED)).isTrue();
        await("DisruptionBlocked reported", () -> h.karpenterEvents("old-a").stream().anyMatch(e -> DriftController.DISRUPTION_BLOCKED.equals(e.getReason())
                && e.getMessage().contains("disruption reason Drifted")));
        assertThat(h.scrape()).contains("karpenter_nodepools_allowed_disruptions{nodepool=\"default\",reason=\"Drifted\"} 0.0");

        changeTemplate(Map.of());
        drift.runOnce();
        assertThat(NodeClaimConditions.get(h.get("old-a"), ClaimConditions.DRIFTED)).as("no longer drifted").isEmpty();
    }

    @Test
    void aChangedNodeClassIsTheCloudsDriftAndAFailedReplacementKeepsTheOldNode() {
        withTwoBusyNodes("1", this::keepsTheOldNode);
    }

    private void keepsTheOldNode(ProvisioningHarness h) {
        ManualClock clock = new ManualClock(Instant.now());
        DriftController drift = controller(h, clock);
        assertThat(drift.runOnce()).isEqualTo(DisruptionActions.Step.NOTHING);
        SimulatedNodeClass nodeClass = client.resources(SimulatedNodeClass.class).withName(ProvisioningHarness.NODE_CLASS).get();
        nodeClass.getSpec().setZones(List.of("zone-a", "zone-b"));
        Map<String, String> failing = new HashMap<>();
        failing.put(dev.ebbflow.provisioner.cloud.simulated.SimulatedCloudProvider.FAIL_LAUNCHES_ANNOTATION, "no quota");
        nodeClass.getMetadata().setAnnotations(failing);
        client.resources(SimulatedNodeClass.class).resource(nodeClass).update();

        assertThat(drift.runOnce()).as("the cloud's last answer holds for a while").isEqualTo(DisruptionActions.Step.NOTHING);
        assertThat(NodeClaimConditions.get(h.get("old-a"), ClaimConditions.DRIFTED)).isEmpty();
        clock.advance(DriftController.CLOUD_DRIFT_RECHECK);
        assertThat(drift.runOnce()).isEqualTo(DisruptionActions.Step.LAUNCHED);
        assertThat(NodeClaimConditions.get(h.get("old-a"), ClaimConditions.DRIFTED).orElseThrow().getReason()).isEqualTo("NodeClassDrift");
        String replacement = newClaims().get(0).getMetadata().getName();
        await("the launch failed", () -> "False".equals(NodeClaimConditions.get(h.get(replacement), "Launched").map(Condition::getStatus).orElse("")));
        String first = List.of("old-a", "old-b").stream().filter(this::tainted).findFirst().orElseThrow();
        assertThat(drift.runOnce()).isEqualTo(DisruptionActions.Step.WAITING);

        clock.advance(Duration.ofSeconds(31));
        assertThat(drift.runOnce()).isEqualTo(DisruptionActions.Step.ABANDONED);
        assertThat(tainted(first)).isFalse();
        assertThat(h.get(first).getMetadata().getDeletionTimestamp()).isNull();
        assertThat(NodeClaimConditions.get(h.get(first), ClaimConditions.DISRUPTION_REASON)).isEmpty();
        assertThat(h.hasEvent(first, DisruptionActions.REPLACEMENT_FAILED)).isTrue();
        await("the replacement that never came is deleted", () -> h.get(replacement) == null);
    }

    @Test
    void aDriftedNodeWhosePodsNeedTwoNewNodesGetsBothBeforeItIsTaintedAndGoesOnceBothAreInitialized() {
        try (ProvisioningHarness h = new ProvisioningHarness(client, LifecycleSettings.defaults().withNominationWindow(Duration.ZERO))) {
            NodePool pool = h.nodePool(ProvisioningHarness.POOL, "WhenEmpty", "Never", "1");
            NodeClaim claim = ProvisioningHarness.claim("old-a");
            claim.getMetadata().setAnnotations(Map.of(Drift.NODEPOOL_HASH, Drift.poolHash(pool), Drift.NODEPOOL_HASH_VERSION, Drift.HASH_VERSION));
            h.readyClaim(claim);
            pod("web-1", "old-a", "700m");
            pod("web-2", "old-a", "700m");
            ManualClock clock = new ManualClock(Instant.now());
            DriftController drift = controller(h, clock);
            assertThat(drift.runOnce()).isEqualTo(DisruptionActions.Step.NOTHING);
            // The node class now makes 1-vCPU nodes only: the two pods of the 2-vCPU node need one each.
            SimulatedNodeClass nodeClass = client.resources(SimulatedNodeClass.class).withName(ProvisioningHarness.NODE_CLASS).get();
            nodeClass.getSpec().setSizes(List.of(1));
            client.resources(SimulatedNodeClass.class).resource(nodeClass).update();
            clock.advance(DriftController.CLOUD_DRIFT_RECHECK);

            assertThat(drift.runOnce()).isEqualTo(DisruptionActions.Step.LAUNCHED);
            List<NodeClaim> replacements = newClaims();
            assertThat(replacements).hasSize(2);
            assertThat(tainted("old-a")).isTrue();
            for (NodeClaim r : replacements) {
                await("replacement launched", () -> NodeClaimConditions.isTrue(h.get(r.getMetadata().getName()), "Launched"));
            }
            assertThat(drift.runOnce()).isEqualTo(DisruptionActions.Step.WAITING);
            h.tasks.runAll();
            for (NodeClaim r : replacements) {
                await("replacement initialized", () -> NodeClaimConditions.isTrue(h.get(r.getMetadata().getName()), "Initialized"));
            }
            assertThat(drift.runOnce()).isEqualTo(DisruptionActions.Step.REPLACED);
            await("old claim terminated", () -> h.get("old-a") == null);
            assertThat(h.scrape()).containsPattern("karpenter_nodeclaims_created_total\\{nodepool=\"default\",reason=\"drifted\"} 2.0");
        }
    }

    private List<NodeClaim> newClaims() {
        return client.resources(NodeClaim.class).list().getItems().stream().filter(c -> !c.getMetadata().getName().startsWith("old-")).toList();
    }

    private boolean tainted(String node) {
        Node n = client.nodes().withName(node).get();
        return n.getSpec().getTaints() != null && n.getSpec().getTaints().stream().anyMatch(t -> DrainPlanner.DISRUPTED_TAINT_KEY.equals(t.getKey()));
    }

}
