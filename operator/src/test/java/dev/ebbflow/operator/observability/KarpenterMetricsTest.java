package dev.ebbflow.operator.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
        karpenter.nodeClaimCreated("provisioning", "default");
        karpenter.nodeClaimCreated("provisioning", "default");
        karpenter.nodeClaimTerminated("default", "spot", "zone-a");
        karpenter.nodeCreated("default");
        karpenter.nodeTerminated("default");
        karpenter.recordSchedulingDuration("provisioner", Duration.ofMillis(300));
        karpenter.setSchedulerQueueDepth("provisioner", 17);
        karpenter.recordPodStartup(Duration.ofSeconds(42));
        karpenter.setNodePoolUsage("default", "cpu", 12);
        karpenter.setNodePoolLimit("default", "cpu", 1000);
        karpenter.recordCloudProviderCall("nodeclaim.lifecycle", "Create", "simulated", Duration.ofMillis(20), null);
        karpenter.recordCloudProviderCall("nodeclaim.lifecycle", "Create", "simulated", Duration.ofMillis(20), "InsufficientCapacityError");

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
}
