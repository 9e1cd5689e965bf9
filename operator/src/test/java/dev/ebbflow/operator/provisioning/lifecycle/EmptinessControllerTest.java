package dev.ebbflow.operator.provisioning.lifecycle;

import static dev.ebbflow.operator.provisioning.lifecycle.ProvisioningHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.operator.provisioning.disruption.EmptinessController;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class EmptinessControllerTest {

    KubernetesClient client;
    private ProvisioningHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void emptyNodesAreRemovedOneAtATimeWithinTheBudget() {
        // No scheduler here binds pods to new nodes: no window to wait for one.
        ProvisioningHarness h = harness = new ProvisioningHarness(client, LifecycleSettings.defaults().withNominationWindow(Duration.ZERO));
        h.nodePool(ProvisioningHarness.POOL, "WhenEmpty", "0s", "1");
        h.readyClaim("empty-1");
        h.readyClaim("empty-2");
        h.readyClaim("busy");
        h.runningPod("web", "busy", Map.of("app", "web"));
        // Give the pod informer a moment to see the busy node's pod before the pass decides.
        ProvisioningHarness.sleep(300);

        // Longest empty first: empty-1 initialized before empty-2; the budget of one holds empty-2 back.
        assertThat(names(h.controllers.emptiness().runOnce())).containsExactly("empty-1");
        String removed = "empty-1";
        String kept = "empty-2";
        await("removed claim terminated", () -> h.get(removed) == null && client.nodes().withName(removed).get() == null);
        assertThat(h.karpenterEvents(removed)).filteredOn(e -> EmptinessController.DISRUPTION_TERMINATING.equals(e.getReason()))
                .extracting(e -> e.getInvolvedObject().getKind()).containsExactlyInAnyOrder("NodeClaim", "Node");
        assertThat(h.hasEvent(kept, EmptinessController.DISRUPTION_BLOCKED)).isTrue();
        assertThat(h.get(kept).getMetadata().getDeletionTimestamp()).isNull();
        assertThat(h.scrape()).contains("karpenter_voluntary_disruption_eligible_nodes{reason=\"empty\"} 2.0")
                .containsPattern("karpenter_voluntary_disruption_decision_evaluation_duration_seconds_count\\{consolidation_type=\"empty\",method=\"empty\"} 1");

        await("the second empty node goes in a later pass", () -> h.controllers.emptiness().runOnce().stream()
                .anyMatch(c -> c.getMetadata().getName().equals(kept)));
        await("second claim terminated", () -> h.get(kept) == null);
        assertThat(h.controllers.emptiness().runOnce()).isEmpty();
        assertThat(h.get("busy")).as("a node with a pod stays").isNotNull();
    }

    @Test
    void emptyNodesStayUntilConsolidateAfterAndAnInvalidPoolDoesNotStopOthers() {
        ProvisioningHarness h = harness = new ProvisioningHarness(client, LifecycleSettings.defaults());
        h.nodePool(ProvisioningHarness.POOL, "WhenEmpty", "1h", "100%");
        h.nodePool("broken", "WhenEmpty", "0s", "lots");
        h.readyClaim("patient");
        NodeClaim other = ProvisioningHarness.claim("in-broken-pool");
        other.getMetadata().setLabels(Map.of(KarpenterLabels.NODE_POOL, "broken"));
        h.readyClaim(other);

        assertThat(h.controllers.emptiness().runOnce()).isEmpty();
        assertThat(h.get("patient").getMetadata().getDeletionTimestamp()).isNull();
        await("invalid pool reported", () -> h.karpenterEvents("broken").stream()
                .anyMatch(e -> EmptinessController.INVALID_DISRUPTION.equals(e.getReason())
                        && e.getMessage().startsWith("spec.disruption.budgets[0].nodes")));
    }

    private static List<String> names(List<NodeClaim> claims) {
        return claims.stream().map(c -> c.getMetadata().getName()).toList();
    }
}
