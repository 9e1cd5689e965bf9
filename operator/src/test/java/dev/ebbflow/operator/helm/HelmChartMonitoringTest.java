package dev.ebbflow.operator.helm;

import static dev.ebbflow.operator.helm.HelmChartDefaultsTest.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.operator.observability.ExportedMetrics;
import dev.ebbflow.operator.observability.PromQl;
import dev.ebbflow.testkit.RepositoryFiles;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The chart's Grafana dashboards (ConfigMaps for the sidecar) and its PrometheusRule. */
class HelmChartMonitoringTest {
    private static final Path DASHBOARDS = RepositoryFiles.directory("deploy/grafana");

    @Test
    void dashboardsAreConfigMapsLabelledForTheGrafanaSidecarByDefault() throws Exception {
        List<ConfigMap> maps = RenderedChart.defaults().ofKind("ConfigMap").stream().map(o -> RenderedChart.as(o, ConfigMap.class))
                .filter(c -> c.getData() != null && c.getData().keySet().stream().anyMatch(k -> k.endsWith(".json"))).toList();

        assertThat(maps).extracting(c -> c.getMetadata().getName()).containsExactlyInAnyOrder("ebbflow-autoscaling", "ebbflow-provisioning");
        for (ConfigMap map : maps) {
            assertThat(map.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
            assertThat(map.getMetadata().getNamespace()).isEqualTo(RenderedChart.NAMESPACE);
            String file = map.getData().keySet().iterator().next();
            assertThat(map.getData().get(file)).isEqualTo(Files.readString(DASHBOARDS.resolve(file)).stripTrailing());
        }
    }

    @Test
    void dashboardsCanBeTurnedOffOrPlacedInGrafanasNamespace() {
        assertThat(RenderedChart.with(Map.of("grafanaDashboards", Map.of("enabled", false))).ofKind("ConfigMap"))
                .noneMatch(c -> c.getMetadata().getLabels() != null && c.getMetadata().getLabels().containsKey("grafana_dashboard"));
        RenderedChart moved = RenderedChart.with(Map.of("grafanaDashboards", Map.of("namespace", "monitoring",
                "annotations", Map.of("grafana_folder", "Ebbflow"))));
        assertThat(moved.get("ConfigMap", "ebbflow-provisioning").getMetadata().getNamespace()).isEqualTo("monitoring");
        assertThat(moved.get("ConfigMap", "ebbflow-provisioning").getMetadata().getAnnotations()).containsEntry("grafana_folder", "Ebbflow");
    }

    @Test
    void thePrometheusRuleIsOffByDefault() {
        assertThat(RenderedChart.defaults().ofKind("PrometheusRule")).isEmpty();
    }

    @Test
    void everyAlertIsWellFormedAndNamesOnlyExportedMetrics() throws Exception {
        List<Map<String, Object>> rules = rules(RenderedChart.with(Map.of("prometheusRule", Map.of("enabled", true, "labels", Map.of("release", "kps")))));
        Set<String> exported = ExportedMetrics.names();

        assertThat(rules).extracting(r -> r.get("alert")).containsExactlyInAnyOrder("EbbflowScalerErrors", "EbbflowScaledObjectNotReady",
                "EbbflowScaledObjectFallbackActive", "EbbflowMetricsApiErrors", "EbbflowMetricsApiSlow", "EbbflowPodsPendingTooLong",
                "EbbflowNodeClaimNotRegistering", "EbbflowNodeClaimRegistrationTimedOut", "EbbflowLaunchesFailing", "EbbflowNodePoolLimitReached");
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> rule : rules) {
            String expr = String.valueOf(rule.get("expr"));
            PromQl.Parsed parsed = PromQl.parse(expr);
            parsed.problems().forEach(p -> problems.add(rule.get("alert") + ": " + p));
            Set<String> unknown = new TreeSet<>(parsed.metrics());
            unknown.removeAll(exported);
            unknown.forEach(n -> problems.add(rule.get("alert") + ": " + n + " is not exported"));
            assertThat(map(rule.get("labels"))).as(rule.get("alert") + " severity").containsKey("severity");
            assertThat(map(rule.get("annotations"))).as(rule.get("alert") + " annotations").containsKeys("summary", "description");
            assertThat(String.valueOf(map(rule.get("annotations")).get("summary"))).doesNotContain("<no value>");
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void thresholdsComeFromValues() {
        List<Map<String, Object>> rules = rules(RenderedChart.with(Map.of("prometheusRule", Map.of("enabled", true, "pendingPodsMinutes", 3,
                "nodeClaimRegistrationMinutes", 7, "metricsApiLatencySeconds", 0.5, "nodePoolLimitRatio", 0.9))));

        assertThat(expr(rules, "EbbflowPodsPendingTooLong")).contains("karpenter_pods_current_unbound_time_seconds > 180");
        assertThat(expr(rules, "EbbflowNodeClaimNotRegistering")).endsWith("> 420");
        assertThat(expr(rules, "EbbflowMetricsApiSlow")).endsWith("> 0.5");
        assertThat(expr(rules, "EbbflowNodePoolLimitReached")).endsWith(">= 0.9");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rules(RenderedChart chart) {
        GenericKubernetesResource rule = chart.get("PrometheusRule", RenderedChart.RELEASE);
        assertThat(rule.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        Map<String, Object> spec = map(rule.getAdditionalProperties().get("spec"));
        writeForPromtool(spec);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object group : (List<Object>) spec.get("groups")) {
            for (Object r : (List<Object>) map(group).get("rules")) {
                out.add(map(r));
            }
        }
        return out;
    }

    /** The rendered groups as a plain rule file, operator/target/ebbflow-rules.yaml, for {@code promtool check rules}. */
    private static void writeForPromtool(Map<String, Object> spec) {
        try {
            Files.writeString(Path.of("target", "ebbflow-rules.yaml"), new KubernetesSerialization().asYaml(spec));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String expr(List<Map<String, Object>> rules, String alert) {
        return rules.stream().filter(r -> alert.equals(r.get("alert"))).map(r -> String.valueOf(r.get("expr")).strip()).findFirst().orElseThrow();
    }
}
