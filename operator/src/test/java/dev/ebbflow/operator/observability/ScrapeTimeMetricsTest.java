package dev.ebbflow.operator.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeClaimStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gauges computed from the informers at each scrape: the provisioned fleet and the ScaledObjects' conditions. */
class ScrapeTimeMetricsTest {
    private final ScrapedMetrics endpoint = new ScrapedMetrics();
    private final List<Node> nodes = new ArrayList<>(List.of(ExportedMetrics.node()));
    private final List<NodeClaim> claims = new ArrayList<>();
    private final List<Pod> pods = new ArrayList<>(List.of(ExportedMetrics.pendingPod(), ExportedMetrics.boundPod()));

    @AfterEach
    void stop() {
        endpoint.close();
    }

    private String scrapeFleet() throws Exception {
        new KarpenterMetrics(endpoint.registry).observe(new ProvisioningStateMetrics(() -> nodes, () -> claims, () -> pods,
                Clock.fixed(ExportedMetrics.NOW, ZoneOffset.UTC)));
        return endpoint.scrape();
    }

    @Test
    void nodesOfANodePoolShowAllocatableAndRequestsUnderKarpentersLabels() throws Exception {
        String text = scrapeFleet();
        Map<String, String> node = Map.of("node_name", "default-abcde", "nodepool", "default", "instance_type", "c-4x-amd64", "capacity_type", "spot",
                "zone", "zone-a", "arch", "amd64");

        assertThat(ScrapedMetrics.value(text, "karpenter_nodes_allocatable", with(node, "resource_type", "cpu"))).hasValue(3.9);
        assertThat(ScrapedMetrics.value(text, "karpenter_nodes_allocatable", with(node, "resource_type", "memory"))).hasValue(7.0 * (1L << 30));
        assertThat(ScrapedMetrics.value(text, "karpenter_nodes_allocatable", with(node, "resource_type", "ephemeral_storage"))).isPresent();
        assertThat(ScrapedMetrics.value(text, "karpenter_nodes_total_pod_requests", with(node, "resource_type", "cpu"))).hasValue(1.5);
        assertThat(ScrapedMetrics.value(text, "karpenter_pods_current_unbound_time_seconds", Map.of("name", "web-0", "namespace", "shop"))).hasValue(30.0);
        assertThat(ScrapedMetrics.count(text, "karpenter_pods_current_unbound_time_seconds")).as("the bound pod waits for nothing").isEqualTo(1);
    }

    @Test
    void aNodeOutsideAnyNodePoolAndADeletedPodLeaveNoSeries() throws Exception {
        nodes.get(0).getMetadata().setLabels(Map.of());
        pods.get(0).getMetadata().setDeletionTimestamp(ExportedMetrics.NOW.toString());
        String text = scrapeFleet();

        assertThat(ScrapedMetrics.count(text, "karpenter_nodes_allocatable")).isZero();
        assertThat(ScrapedMetrics.count(text, "karpenter_pods_current_unbound_time_seconds")).isZero();
    }

    @Test
    void nodeClaimsAreCountedByStateAndTheOldestUnregisteredIsTimed() throws Exception {
        claims.add(ExportedMetrics.claim());
        NodeClaim launched = claim("default-launched", 600, NodeClaimStatus.LAUNCHED);
        NodeClaim ready = claim("default-ready", 3600, NodeClaimStatus.LAUNCHED, NodeClaimStatus.REGISTERED, NodeClaimStatus.INITIALIZED);
        NodeClaim leaving = claim("default-leaving", 7200, NodeClaimStatus.LAUNCHED, NodeClaimStatus.REGISTERED, NodeClaimStatus.INITIALIZED);
        leaving.getMetadata().setDeletionTimestamp(ExportedMetrics.NOW.toString());
        claims.addAll(List.of(launched, ready, leaving));

        String text = scrapeFleet();

        assertThat(ScrapedMetrics.samples(text)).filteredOn(s -> s.name().equals("ebbflow_nodeclaims"))
                .extracting(s -> s.labels().get("state") + "=" + s.value())
                .containsExactlyInAnyOrder("launching=1.0", "registering=1.0", "ready=1.0", "terminating=1.0");
        assertThat(ScrapedMetrics.value(text, "ebbflow_nodeclaims_unregistered_oldest_seconds", Map.of("nodepool", "default"))).hasValue(600.0);
    }

    @Test
    void scaledObjectConditionsAreOneSeriesEach() throws Exception {
        endpoint.registry.getPrometheusRegistry().register(new ScaledObjectStateMetrics(() -> List.of(ExportedMetrics.scaledObject())));
        String text = endpoint.scrape();

        assertThat(ScrapedMetrics.value(text, ScaledObjectStateMetrics.CONDITION,
                Map.of("namespace", "shop", "scaledObject", "orders", "type", "Ready", "status", "False"))).hasValue(1.0);
        assertThat(ScrapedMetrics.value(text, ScaledObjectStateMetrics.CONDITION,
                Map.of("namespace", "shop", "scaledObject", "orders", "type", "Fallback", "status", "True"))).hasValue(1.0);
        assertThat(ScrapedMetrics.count(text, ScaledObjectStateMetrics.CONDITION)).isEqualTo(2);
    }

    private static NodeClaim claim(String name, long ageSeconds, String... trueConditions) {
        NodeClaim claim = new NodeClaim();
        claim.getMetadata().setName(name);
        claim.getMetadata().setCreationTimestamp(ExportedMetrics.NOW.minusSeconds(ageSeconds).toString());
        claim.getMetadata().setLabels(Map.of("karpenter.sh/nodepool", "default"));
        List<Condition> conditions = new ArrayList<>();
        for (String type : trueConditions) {
            conditions.add(new ConditionBuilder().withType(type).withStatus("True").build());
        }
        claim.setStatus(new NodeClaimStatus());
        claim.getStatus().setConditions(conditions);
        return claim;
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> out = new java.util.HashMap<>(labels);
        out.put(key, value);
        return out;
    }
}
