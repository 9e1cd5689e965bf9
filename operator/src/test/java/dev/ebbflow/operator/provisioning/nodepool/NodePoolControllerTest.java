package dev.ebbflow.operator.provisioning.nodepool;

import static dev.ebbflow.operator.provisioning.provisioner.Fixtures.node;
import static dev.ebbflow.operator.provisioning.provisioner.Fixtures.nodePool;
import static dev.ebbflow.operator.provisioning.provisioner.Fixtures.pendingPod;
import static dev.ebbflow.operator.provisioning.provisioner.Fixtures.req;
import static dev.ebbflow.operator.provisioning.provisioner.Fixtures.withLimits;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.crds.karpenter.NodePoolStatus;
import dev.ebbflow.operator.provisioning.provisioner.Provisioner;
import dev.ebbflow.operator.provisioning.provisioner.ProvisioningCluster;
import dev.ebbflow.testkit.Eventually;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The NodePool controller against the mock API server: Ready and its dependents, the field named by
 * each kind of bad input, resources of the pool's nodes; and a bad NodePool or an impossible pod
 * never stops the other pods from being provisioned.
 */
@EnableKubernetesMockClient(crud = true)
class NodePoolControllerTest {

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

    private Condition condition(String pool, String type) {
        NodePool p = cluster.nodePool(pool);
        return p == null ? null : NodePoolStatuses.find(p.getStatus(), type);
    }

    private void assertNotReady(String pool, String failing, String reason, String field) {
        Eventually.within(Duration.ofSeconds(30), () -> {
            Condition ready = condition(pool, NodePoolStatuses.READY);
            assertThat(ready).isNotNull();
            assertThat(ready.getStatus()).isEqualTo("False");
            assertThat(ready.getMessage()).contains(field);
            Condition cause = condition(pool, failing);
            assertThat(cause.getStatus()).isEqualTo("False");
            assertThat(cause.getReason()).isEqualTo(reason);
            assertThat(cause.getMessage()).startsWith(field);
            assertThat(cluster.events(pool, reason)).singleElement().satisfies(e -> {
                assertThat(e.getType()).isEqualTo("Warning");
                assertThat(e.getMessage()).contains(field);
            });
        });
    }

    @Test
    void aValidPoolIsReadyAndReportsItsNodesResources() {
        cluster.apply(withLimits(nodePool("general"), Map.of("cpu", "100")));
        client.nodes().resource(node("n1", "general", "4", "8Gi")).create();
        client.nodes().resource(node("n2", "general", "2", "4Gi")).create();
        client.nodes().resource(node("other", "else", "64", "64Gi")).create();

        Eventually.within(Duration.ofSeconds(30), () -> {
            NodePoolStatus status = cluster.nodePool("general").getStatus();
            assertThat(NodePoolStatuses.find(status, NodePoolStatuses.READY).getStatus()).isEqualTo("True");
            assertThat(NodePoolStatuses.find(status, NodePoolStatuses.VALIDATION_SUCCEEDED).getStatus()).isEqualTo("True");
            assertThat(NodePoolStatuses.find(status, NodePoolStatuses.NODE_CLASS_READY).getStatus()).isEqualTo("True");
            assertThat(NodePoolStatuses.find(status, NodePoolStatuses.LIMITS_EXCEEDED)).isNull();
            assertThat(status.getResources().get("cpu").toString()).isEqualTo("6");
            assertThat(status.getResources().get("memory").toString()).isEqualTo(Long.toString(12L << 30));
            assertThat(status.getResources().get("nodes").toString()).isEqualTo("2");
            assertThat(status.getNodes()).isEqualTo(2);
        });
        Eventually.within(Duration.ofSeconds(30), () -> assertThat(cluster.registry.scrape())
                .contains("karpenter_nodepools_usage{nodepool=\"general\",resource_type=\"cpu\"} 6.0")
                .contains("karpenter_nodepools_limit{nodepool=\"general\",resource_type=\"cpu\"} 100.0"));
        String resourceVersion = cluster.nodePool("general").getMetadata().getResourceVersion();
        Eventually.pause(Duration.ofSeconds(3));
        assertThat(cluster.nodePool("general").getMetadata().getResourceVersion())
                .as("an unchanged status is not patched again by the resync").isEqualTo(resourceVersion);

        client.resources(NodePool.class).withName("general").delete();
        // The pool's own series go with it; its Nodes still exist, so their per-node series (karpenter_nodes_*) rightly stay.
        Eventually.within(Duration.ofSeconds(30), () -> assertThat(cluster.registry.scrape())
                .doesNotContain("karpenter_nodepools_usage{nodepool=\"general\"")
                .doesNotContain("karpenter_nodepools_limit{nodepool=\"general\"")
                .doesNotContain("karpenter_nodepools_allowed_disruptions{nodepool=\"general\""));
    }

    @Test
    void badNodePoolsAreNotReadyNamingTheFieldWhileOtherPodsAreStillProvisioned() {
        cluster.apply(nodePool("missing-class", "no-such-class"));
        cluster.apply(nodePool("bad-operator", req(KarpenterLabels.ARCH, "Equals", "amd64")));
        var tooFew = req(KarpenterLabels.INSTANCE_TYPE, "In", "c-1x-amd64-linux", "c-2x-amd64-linux");
        tooFew.setMinValues(3);
        cluster.apply(nodePool("bad-min-values", tooFew));
        cluster.apply(withLimits(nodePool("negative-limits"), Map.of("cpu", "-1")));
        cluster.apply(nodePool("good"));
        cluster.create(pendingPod("normal", "1", "1Gi"));
        cluster.create(pendingPod("huge", "1000", "1Gi"));

        assertNotReady("missing-class", NodePoolStatuses.NODE_CLASS_READY, NodePoolStatuses.NODE_CLASS_NOT_FOUND_REASON, "spec.template.spec.nodeClassRef");
        assertNotReady("bad-operator", NodePoolStatuses.VALIDATION_SUCCEEDED, NodePoolStatuses.VALIDATION_FAILED_REASON,
                "spec.template.spec.requirements[0].operator");
        assertNotReady("bad-min-values", NodePoolStatuses.VALIDATION_SUCCEEDED, NodePoolStatuses.VALIDATION_FAILED_REASON,
                "spec.template.spec.requirements[0].minValues");
        assertNotReady("negative-limits", NodePoolStatuses.VALIDATION_SUCCEEDED, NodePoolStatuses.VALIDATION_FAILED_REASON, "spec.limits.cpu");
        Eventually.within(Duration.ofSeconds(30), () -> assertThat(condition("good", NodePoolStatuses.READY).getStatus()).isEqualTo("True"));

        Eventually.within(Duration.ofSeconds(30), () -> assertThat(cluster.claimsOf("good")).hasSize(1));
        assertThat(cluster.claims()).hasSize(1);
        assertThat(cluster.claims().get(0).getSpec().getResources().getRequests().get("cpu").toString()).isEqualTo("1");
        Eventually.within(Duration.ofSeconds(30), () -> assertThat(cluster.events("huge", Provisioner.FAILED_SCHEDULING)).singleElement()
                .satisfies(e -> {
                    assertThat(e.getType()).isEqualTo("Warning");
                    assertThat(e.getMessage()).startsWith("Failed to schedule pod, ").contains("good");
                }));
    }

    @Test
    void fixingANodePoolMakesItReadyAgain() {
        cluster.apply(withLimits(nodePool("fixable"), Map.of("cpu", "-1")));
        assertNotReady("fixable", NodePoolStatuses.VALIDATION_SUCCEEDED, NodePoolStatuses.VALIDATION_FAILED_REASON, "spec.limits.cpu");

        NodePool pool = cluster.nodePool("fixable");
        pool.getSpec().setLimits(Map.of("cpu", new io.fabric8.kubernetes.api.model.Quantity("10")));
        client.resources(NodePool.class).resource(pool).update();

        Eventually.within(Duration.ofSeconds(30), () -> assertThat(condition("fixable", NodePoolStatuses.READY).getStatus()).isEqualTo("True"));
    }
}
