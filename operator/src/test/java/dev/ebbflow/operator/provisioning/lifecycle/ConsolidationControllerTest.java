package dev.ebbflow.operator.provisioning.lifecycle;

import static dev.ebbflow.operator.provisioning.lifecycle.ProvisioningHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.operator.observability.KarpenterMetrics;
import dev.ebbflow.operator.provisioning.disruption.ClaimConditions;
import dev.ebbflow.operator.provisioning.disruption.ConsolidationController;
import dev.ebbflow.operator.provisioning.disruption.DisruptionActions;
import dev.ebbflow.operator.provisioning.kube.KarpenterEvents;
import dev.ebbflow.operator.provisioning.kube.NodeClaimConditions;
import dev.ebbflow.operator.provisioning.provisioner.CloudLookup;
import dev.ebbflow.operator.provisioning.provisioner.ClusterSnapshot;
import dev.ebbflow.operator.provisioning.provisioner.PoolCatalogs;
import dev.ebbflow.operator.provisioning.termination.DrainPlanner;
import dev.ebbflow.provisioner.disruption.Nominations;
import io.fabric8.kubernetes.api.model.Node;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Consolidation's actions on the mock API server: replacement first, and the old nodes kept when the replacement fails. */
@EnableKubernetesMockClient(crud = true)
class ConsolidationControllerTest {

    KubernetesClient client;
    private ProvisioningHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    private ConsolidationController controller(ProvisioningHarness h) {
        return new ConsolidationController(client, () -> new ClusterSnapshot(client.pods().inAnyNamespace().list().getItems(),
                client.nodes().list().getItems(), client.resources(NodeClaim.class).list().getItems(),
                client.resources(NodePool.class).list().getItems(), List.of()), new PoolCatalogs(CloudLookup.only(h.cloud)),
                new KarpenterEvents(client, Clock.systemUTC(), "ebbflow-test"), new KarpenterMetrics(registry), Clock.systemUTC(), () -> Nominations.NONE,
                ConsolidationController.Settings.defaults(Duration.ZERO).withValidationDelay(Duration.ZERO), new Random(1));
    }

    /** Two nodes, one pod each, which one node holds. */
    private ProvisioningHarness twoHalfEmptyNodes() {
        ProvisioningHarness h = harness = new ProvisioningHarness(client, LifecycleSettings.defaults().withNominationWindow(Duration.ZERO));
        h.nodePool(ProvisioningHarness.POOL, "WhenEmptyOrUnderutilized", "0s", "100%");
        h.readyClaim("old-a");
        h.readyClaim("old-b");
        for (String pod : List.of("web-a", "web-b")) {
            h.runningPod(pod, "old-" + pod.substring(4), Map.of("app", "web"));
            // As every pod that runs on a simulated node: it tolerates the simulated cloud's mark.
            client.pods().inNamespace("default").withName(pod).edit(p -> {
                p.getSpec().setTolerations(List.of(new TolerationBuilder().withKey("ebbflow.dev/simulated").withOperator("Exists").build()));
                return p;
            });
        }
        await("the pods' arrival recorded", () -> h.get("old-a").getStatus().getLastPodEventTime() != null
                && h.get("old-b").getStatus().getLastPodEventTime() != null);
        ProvisioningHarness.sleep(100);
        return h;
    }

    @Test
    void theReplacementIsInitializedBeforeTheOldNodesGo() {
        ProvisioningHarness h = twoHalfEmptyNodes();
        ConsolidationController c = controller(h);

        assertThat(c.runOnce()).isEqualTo(DisruptionActions.Step.DECIDED);
        assertThat(NodeClaimConditions.get(h.get("old-a"), ClaimConditions.CONSOLIDATABLE).orElseThrow().getStatus()).isEqualTo("True");
        assertThat(NodeClaimConditions.get(h.get("old-a"), ClaimConditions.DISRUPTION_REASON)).isEmpty();
        assertThat(c.runOnce()).isEqualTo(DisruptionActions.Step.LAUNCHED);
        assertThat(tainted("old-a")).isTrue();
        assertThat(NodeClaimConditions.get(h.get("old-b"), ClaimConditions.DISRUPTION_REASON).orElseThrow().getReason()).isEqualTo("Underutilized");
        assertThat(h.get("old-a").getMetadata().getDeletionTimestamp()).as("kept until the replacement is initialized").isNull();
        NodeClaim replacement = client.resources(NodeClaim.class).list().getItems().stream()
                .filter(x -> !x.getMetadata().getName().startsWith("old-")).findFirst().orElseThrow();
        await("replacement launched", () -> NodeClaimConditions.isTrue(h.get(replacement.getMetadata().getName()), "Launched"));
        assertThat(c.runOnce()).isEqualTo(DisruptionActions.Step.WAITING);
        h.tasks.runAll();
        await("replacement initialized", () -> NodeClaimConditions.isTrue(h.get(replacement.getMetadata().getName()), "Initialized"));

        assertThat(c.runOnce()).isEqualTo(DisruptionActions.Step.REPLACED);
        await("old claims terminated", () -> h.get("old-a") == null && h.get("old-b") == null);
        assertThat(h.hasEvent("old-a", ConsolidationController.DISRUPTING)).isTrue();
        assertThat(h.karpenterEvents("old-b")).filteredOn(e -> ConsolidationController.DISRUPTING.equals(e.getReason()))
                .extracting(e -> e.getMessage()).anyMatch(m -> m.startsWith("Disrupting NodeClaim: Underutilized/Replace"));
        assertThat(h.get(replacement.getMetadata().getName())).isNotNull();
        assertThat(registry.scrape())
                .contains("karpenter_voluntary_disruption_decisions_total{consolidation_type=\"multi\",decision=\"replace\",reason=\"underutilized\"} 1.0")
                .containsPattern("karpenter_nodeclaims_disrupted_total\\{[^}]*reason=\"underutilized\"[^}]*} 2.0")
                .contains("karpenter_voluntary_disruption_eligible_nodes{reason=\"underutilized\"} 2.0")
                .contains("karpenter_nodepools_allowed_disruptions{nodepool=\"default\",reason=\"Underutilized\"} 2.0")
                .containsPattern("karpenter_voluntary_disruption_decision_evaluation_duration_seconds_count\\{consolidation_type=\"multi\",method=\"underutilized\"} 1");
    }

    @Test
    void aFailedReplacementLeavesTheOldNodesServingAndUntainted() {
        ProvisioningHarness h = twoHalfEmptyNodes();
        ConsolidationController c = controller(h);
        assertThat(c.runOnce()).isEqualTo(DisruptionActions.Step.DECIDED);
        assertThat(c.runOnce()).isEqualTo(DisruptionActions.Step.LAUNCHED);
        NodeClaim replacement = client.resources(NodeClaim.class).list().getItems().stream()
                .filter(x -> !x.getMetadata().getName().startsWith("old-")).findFirst().orElseThrow();
        client.resources(NodeClaim.class).withName(replacement.getMetadata().getName()).delete();
        h.tasks.runAll();
        await("replacement gone", () -> h.get(replacement.getMetadata().getName()) == null);

        assertThat(c.runOnce()).isEqualTo(DisruptionActions.Step.ABANDONED);
        assertThat(tainted("old-a")).isFalse();
        assertThat(tainted("old-b")).isFalse();
        assertThat(h.get("old-a").getMetadata().getDeletionTimestamp()).isNull();
        assertThat(h.get("old-b").getMetadata().getDeletionTimestamp()).isNull();
        assertThat(h.hasEvent("old-a", ConsolidationController.REPLACEMENT_FAILED)).isTrue();
    }

    @Test
    void aPodThatMustNotBeDisruptedKeepsItsNodeAndSaysWhy() {
        ProvisioningHarness h = twoHalfEmptyNodes();
        client.pods().inNamespace("default").withName("web-a").edit(p -> {
            p.getMetadata().setAnnotations(Map.of("karpenter.sh/do-not-disrupt", "true"));
            return p;
        });
        client.pods().inNamespace("default").withName("web-b").edit(p -> {
            p.getMetadata().setAnnotations(Map.of("karpenter.sh/do-not-disrupt", "true"));
            return p;
        });
        ConsolidationController c = controller(h);
        assertThat(c.runOnce()).isEqualTo(DisruptionActions.Step.NOTHING);
        await("Unconsolidatable reported", () -> h.karpenterEvents("old-a").stream()
                .anyMatch(e -> ConsolidationController.UNCONSOLIDATABLE.equals(e.getReason()) && e.getMessage().contains("do-not-disrupt")));
    }

    private boolean tainted(String node) {
        Node n = client.nodes().withName(node).get();
        return n.getSpec().getTaints() != null && n.getSpec().getTaints().stream().anyMatch(t -> DrainPlanner.DISRUPTED_TAINT_KEY.equals(t.getKey()));
    }
}
