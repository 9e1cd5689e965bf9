package dev.ebbflow.operator.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.testkit.RepositoryFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every query of every shipped dashboard is well formed and names only metrics the operator exports (or kube-state-metrics'). */
class DashboardMetricsTest {
    static final Path GRAFANA = RepositoryFiles.directory("deploy/grafana");
    static final Path CHART_COPY = RepositoryFiles.directory("deploy/helm/ebbflow/dashboards");
    private static Set<String> exported;

    @BeforeAll
    static void scrape() throws Exception {
        exported = ExportedMetrics.names();
    }

    @Test
    void everyDashboardQueryNamesAnExportedMetric() throws Exception {
        List<Path> dashboards = Dashboards.files(GRAFANA);
        assertThat(dashboards).extracting(p -> p.getFileName().toString()).contains("ebbflow-autoscaling.json", "ebbflow-provisioning.json");
        for (Path dashboard : dashboards) {
            List<Dashboards.Query> queries = Dashboards.queries(dashboard);
            assertThat(queries).as(dashboard + " queries").hasSizeGreaterThan(10);
            assertThat(Dashboards.problems(queries, exported)).as(dashboard.toString()).isEmpty();
        }
    }

    @Test
    void theCheckFindsAMetricThatIsNotExported() {
        List<Dashboards.Query> queries = List.of(new Dashboards.Query("typo", "sum(rate(keda_scaler_errors_totl[5m]))", false),
                new Dashboards.Query("external", "kube_horizontalpodautoscaler_status_current_replicas", false));

        assertThat(Dashboards.problems(queries, exported)).containsExactly("typo: keda_scaler_errors_totl is not exported");
    }

    @Test
    void theScrapeHasTheRuntimeBuildAndKarpenterFamilies() {
        assertThat(exported).contains("jvm_memory_used_bytes", "jvm_gc_pause_seconds_count", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
                "process_cpu_usage", "process_uptime_seconds", "process_files_open_files", "ebbflow_build_info", "keda_build_info",
                "karpenter_nodes_allocatable", "karpenter_pods_current_unbound_time_seconds", "ebbflow_nodeclaims",
                "karpenter_cloudprovider_instance_type_offering_price_estimate", "karpenter_voluntary_disruption_decisions_total",
                "apiserver_request_total", "apiserver_request_duration_seconds_bucket", "ebbflow_scaled_object_status_condition");
    }

    @Test
    void theChartShipsTheSameDashboards() throws Exception {
        List<Path> originals = Dashboards.files(GRAFANA);
        List<Path> copies = Dashboards.files(CHART_COPY);
        assertThat(copies).extracting(p -> p.getFileName().toString())
                .as("deploy/helm/ebbflow/dashboards must hold a copy of each file in deploy/grafana")
                .containsExactlyElementsOf(originals.stream().map(p -> p.getFileName().toString()).toList());
        for (Path original : originals) {
            assertThat(Files.readString(CHART_COPY.resolve(original.getFileName()))).as(original.getFileName() + " differs from the chart's copy")
                    .isEqualTo(Files.readString(original));
        }
    }
}
