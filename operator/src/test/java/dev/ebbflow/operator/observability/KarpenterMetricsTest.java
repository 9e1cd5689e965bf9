package dev.ebbflow.operator.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KarpenterMetricsTest {
    private final ScrapedMetrics endpoint = new ScrapedMetrics();
    private final KarpenterMetrics karpenter = new KarpenterMetrics(endpoint.registry);

    @AfterEach
    void stop() {
        endpoint.close();
    }

    @Test
    void exposesProvisioningMetricsUnderKarpentersNamesAndLabels() throws Exception {
        ExportedMetrics.driveKarpenter(karpenter);

        String text = endpoint.scrape();

        assertThat(text).contains(
                "# TYPE karpenter_nodeclaims_created_total counter",
                "# TYPE karpenter_nodeclaims_terminated_total counter",
                "# TYPE karpenter_nodes_created_total counter",
                "# TYPE karpenter_nodes_terminated_total counter",
                "# TYPE karpenter_scheduler_scheduling_duration_seconds histogram",
                "# TYPE karpenter_scheduler_queue_depth gauge",
                "# TYPE karpenter_pods_startup_duration_seconds summary",
                "# TYPE karpenter_nodepools_usage gauge",
                "# TYPE karpenter_nodepools_limit gauge",
                "# TYPE karpenter_cloudprovider_duration_seconds histogram",
                "# TYPE karpenter_cloudprovider_errors_total counter");
        assertThat(ScrapedMetrics.value(text, "karpenter_nodeclaims_created_total", Map.of("reason", "provisioning", "nodepool", "default"))).hasValue(2.0);
        assertThat(ScrapedMetrics.value(text, "karpenter_nodeclaims_terminated_total",
                Map.of("nodepool", "default", "capacity_type", "spot", "zone", "zone-a"))).hasValue(1.0);
        assertThat(ScrapedMetrics.value(text, "karpenter_nodes_created_total", Map.of("nodepool", "default"))).hasValue(1.0);
        assertThat(ScrapedMetrics.value(text, "karpenter_nodes_terminated_total", Map.of("nodepool", "default"))).hasValue(1.0);
        assertThat(ScrapedMetrics.value(text, "karpenter_scheduler_scheduling_duration_seconds_bucket",
                Map.of("controller", "provisioner", "le", "0.25"))).hasValue(0.0);
        assertThat(ScrapedMetrics.value(text, "karpenter_scheduler_scheduling_duration_seconds_bucket",
                Map.of("controller", "provisioner", "le", "0.3"))).hasValue(1.0);
        assertThat(ScrapedMetrics.value(text, "karpenter_scheduler_queue_depth", Map.of("controller", "provisioner"))).hasValue(17.0);
        assertThat(ScrapedMetrics.value(text, "karpenter_pods_startup_duration_seconds_sum", Map.of())).hasValue(42.0);
        assertThat(ScrapedMetrics.value(text, "karpenter_pods_startup_duration_seconds", Map.of("quantile", "0.5"))).isPresent();
        assertThat(ScrapedMetrics.value(text, "karpenter_nodepools_usage", Map.of("nodepool", "default", "resource_type", "cpu"))).hasValue(12.0);
        assertThat(ScrapedMetrics.value(text, "karpenter_nodepools_limit", Map.of("nodepool", "default", "resource_type", "cpu"))).hasValue(1000.0);
        assertThat(ScrapedMetrics.value(text, "karpenter_cloudprovider_duration_seconds_count",
                Map.of("controller", "nodeclaim.lifecycle", "method", "Create", "provider", "simulated"))).hasValue(2.0);
        assertThat(ScrapedMetrics.value(text, "karpenter_cloudprovider_errors_total",
                Map.of("controller", "nodeclaim.lifecycle", "method", "Create", "provider", "simulated", "error", "InsufficientCapacityError")))
                .hasValue(1.0);
    }

    @Test
    void deletedNodePoolLeavesNoUsageOrLimitSeries() throws Exception {
        karpenter.setNodePoolUsage("gpu", "cpu", 4);
        karpenter.setNodePoolUsage("gpu", "memory", 1e9);
        karpenter.setNodePoolLimit("gpu", "cpu", 100);
        karpenter.setNodePoolUsage("default", "cpu", 2);

        karpenter.removeNodePool("gpu", List.of("cpu", "memory"));

        String text = endpoint.scrape();
        assertThat(text).doesNotContain("nodepool=\"gpu\"");
        assertThat(ScrapedMetrics.value(text, "karpenter_nodepools_usage", Map.of("nodepool", "default", "resource_type", "cpu"))).hasValue(2.0);
    }

    @Test
    void disruptionsAndCatalogPricesUnderKarpentersNames() throws Exception {
        ExportedMetrics.driveKarpenter(karpenter);

        String text = endpoint.scrape();

        assertThat(ScrapedMetrics.value(text, "karpenter_nodeclaims_disrupted_total", Map.of("reason", "empty", "nodepool", "default"))).hasValue(1.0);
        assertThat(ScrapedMetrics.value(text, "karpenter_voluntary_disruption_decisions_total",
                Map.of("decision", "delete", "reason", "empty", "consolidation_type", "empty"))).hasValue(1.0);
        assertThat(ScrapedMetrics.value(text, "karpenter_cloudprovider_instance_type_offering_price_estimate",
                Map.of("instance_type", "c-4x-amd64", "capacity_type", "on-demand", "zone", "zone-a"))).hasValue(0.17);
        assertThat(ScrapedMetrics.value(text, "karpenter_cloudprovider_instance_type_offering_price_estimate",
                Map.of("instance_type", "c-4x-amd64", "capacity_type", "spot", "zone", "zone-a"))).hasValue(0.05);
    }
}
