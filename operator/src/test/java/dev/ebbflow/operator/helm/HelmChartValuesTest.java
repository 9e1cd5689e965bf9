package dev.ebbflow.operator.helm;

import static dev.ebbflow.operator.helm.HelmChartDefaultsTest.decode;
import static dev.ebbflow.operator.helm.HelmChartDefaultsTest.map;
import static dev.ebbflow.operator.helm.HelmChartDefaultsTest.operatorContainer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.operator.provisioning.provisioner.ProvisioningSettings;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Values a user sets reach the rendered objects. */
class HelmChartValuesTest {

    private static final String CA = "-----BEGIN CERTIFICATE-----\nTEST-CA\n-----END CERTIFICATE-----\n";
    private static final String CERT = "-----BEGIN CERTIFICATE-----\nTEST-SERVING\n-----END CERTIFICATE-----\n";
    private static final String KEY = "-----BEGIN PRIVATE KEY-----\nTEST-KEY\n-----END PRIVATE KEY-----\n";

    @Test
    void watchNamespacesLogLevelPortsAndImageReachTheContainer() {
        RenderedChart chart = RenderedChart.with(Map.of(
                "watchNamespaces", List.of("team-a", "team-b"),
                "logLevel", "debug",
                "metricsApi", Map.of("port", 7443),
                "metrics", Map.of("port", 9090),
                "image", Map.of("repository", "registry.example.com/ebbflow", "tag", "1.2.3", "pullPolicy", "Always"),
                "extraArgs", List.of("--cloud-provider=simulated")));
        Container c = operatorContainer(chart.only("Deployment", Deployment.class));

        assertThat(c.getArgs()).contains("--watch-namespaces=team-a,team-b", "--log-level=debug",
                "--metrics-api-port=7443", "--metrics-port=9090", "--cloud-provider=simulated");
        assertThat(c.getPorts()).extracting(p -> p.getName() + "=" + p.getContainerPort())
                .containsExactlyInAnyOrder("https=7443", "metrics=9090", "webhook=9443");
        assertThat(c.getImage()).isEqualTo("registry.example.com/ebbflow:1.2.3");
        assertThat(c.getImagePullPolicy()).isEqualTo("Always");
    }

    @Test
    @SuppressWarnings("unchecked")
    void admissionWebhooksTakeTheirFailurePolicyPortAndWatchedNamespacesOrAreLeftOut() {
        RenderedChart chart = RenderedChart.with(Map.of("watchNamespaces", List.of("team-a"),
                "admissionWebhooks", Map.of("failurePolicy", "Fail", "port", 8443, "timeoutSeconds", 5)));
        List<Map<String, Object>> webhooks = (List<Map<String, Object>>) chart.only("ValidatingWebhookConfiguration", GenericKubernetesResource.class)
                .getAdditionalProperties().get("webhooks");
        RenderedChart off = RenderedChart.with(Map.of("admissionWebhooks", Map.of("enabled", false)));

        assertThat(webhooks).allSatisfy(w -> assertThat(w).containsEntry("failurePolicy", "Fail").containsEntry("timeoutSeconds", 5));
        assertThat(webhooks).filteredOn(w -> !"vsclustertriggerauthentication.kb.io".equals(w.get("name"))).hasSize(3)
                .allSatisfy(w -> assertThat(String.valueOf(w.get("namespaceSelector"))).contains("kubernetes.io/metadata.name").contains("team-a"));
        assertThat(webhooks).filteredOn(w -> "vsclustertriggerauthentication.kb.io".equals(w.get("name")))
                .singleElement().satisfies(w -> assertThat(w).as("cluster-scoped: no namespace").doesNotContainKey("namespaceSelector"));
        assertThat(operatorContainer(chart.only("Deployment", Deployment.class)).getArgs()).contains("--admission-webhook-port=8443");
        assertThat(off.ofKind("ValidatingWebhookConfiguration")).isEmpty();
        assertThat(operatorContainer(off.only("Deployment", Deployment.class)).getArgs()).noneMatch(a -> a.startsWith("--admission-webhook-port"));
        assertThat(off.only("Service", io.fabric8.kubernetes.api.model.Service.class).getSpec().getPorts()).extracting(p -> p.getName())
                .doesNotContain("webhook");
    }

    @Test
    void provisioningAheadCanBeSwitchedOffForAllAndItsTtlSet() {
        RenderedChart chart = RenderedChart.with(Map.of("provisionAhead", Map.of("enabled", false, "ttl", "90s")));

        assertThat(operatorContainer(chart.only("Deployment", Deployment.class)).getArgs())
                .contains("--provision-ahead=false", "--provision-ahead-ttl=90s");
    }

    @Test
    void karpentersBatchWindowReachesTheOperatorAsKarpentersEnvironmentVariables() {
        ProvisioningSettings defaults = ProvisioningSettings.fromEnvironment(environment(RenderedChart.defaults()));
        ProvisioningSettings set = ProvisioningSettings.fromEnvironment(environment(RenderedChart.with(
                Map.of("settings", Map.of("batchIdleDuration", "200ms", "batchMaxDuration", "2s")))));

        assertThat(defaults.batchIdleDuration()).as("Karpenter's default").isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.batchMaxDuration()).as("Karpenter's default").isEqualTo(Duration.ofSeconds(10));
        assertThat(set.batchIdleDuration()).isEqualTo(Duration.ofMillis(200));
        assertThat(set.batchMaxDuration()).isEqualTo(Duration.ofSeconds(2));
    }

    /** The operator container's literal environment, as {@code ebbflow run} would read it. */
    private static Map<String, String> environment(RenderedChart chart) {
        return operatorContainer(chart.only("Deployment", Deployment.class)).getEnv().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    @Test
    void imageTagDefaultsToTheAppVersion() {
        Container c = operatorContainer(RenderedChart.defaults().only("Deployment", Deployment.class));

        assertThat(c.getImage()).isEqualTo("ghcr.io/ebbflow/ebbflow-operator:0.1.0");
    }

    @Test
    void singleReplicaWithoutLeaderElectionHasNoDisruptionBudget() {
        RenderedChart chart = RenderedChart.with(Map.of("replicaCount", 1, "leaderElection", Map.of("enabled", false)));
        Deployment deployment = chart.only("Deployment", Deployment.class);

        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        assertThat(operatorContainer(deployment).getArgs()).contains("--leader-election=false");
        assertThat(chart.ofKind("PodDisruptionBudget")).as("a budget of 1 on 1 replica would block every drain").isEmpty();
    }

    @Test
    void serviceMonitorScrapesTheMetricsPortWhenEnabled() {
        RenderedChart chart = RenderedChart.with(Map.of("serviceMonitor", Map.of("enabled", true, "labels", Map.of("release", "prom"))));
        GenericKubernetesResource monitor = chart.get("ServiceMonitor", RenderedChart.RELEASE);
        Map<String, Object> endpoint = map(((List<?>) map(monitor.getAdditionalProperties().get("spec")).get("endpoints")).get(0));

        assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prom");
        assertThat(endpoint).containsEntry("port", "metrics").containsEntry("path", "/metrics");
    }

    @Test
    void suppliedCertificateIsStoredAndTrusted() {
        RenderedChart chart = RenderedChart.with(Map.of("certificate",
                Map.of("generate", false, "caCert", CA, "tlsCert", CERT, "tlsKey", KEY)));
        Secret secret = chart.only("Secret", Secret.class);

        assertThat(decode(secret.getData().get("ca.crt"))).isEqualTo(CA);
        assertThat(decode(secret.getData().get("tls.crt"))).isEqualTo(CERT);
        assertThat(decode(secret.getData().get("tls.key"))).isEqualTo(KEY);
        assertThat(caBundle(chart)).isEqualTo(Base64.getEncoder().encodeToString(CA.getBytes()));
    }

    @Test
    void existingSecretIsMountedAndNotRendered() {
        RenderedChart chart = RenderedChart.with(Map.of("certificate",
                Map.of("generate", false, "existingSecret", "my-metrics-tls", "caCert", CA)));
        Deployment deployment = chart.only("Deployment", Deployment.class);

        assertThat(chart.ofKind("Secret")).isEmpty();
        assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes())
                .anySatisfy(v -> assertThat(v.getSecret() != null ? v.getSecret().getSecretName() : null).isEqualTo("my-metrics-tls"));
        assertThat(caBundle(chart)).isEqualTo(Base64.getEncoder().encodeToString(CA.getBytes()));
    }

    @Test
    void apiServiceCanBeLeftToAnotherAdapter() {
        RenderedChart chart = RenderedChart.with(Map.of("metricsApi", Map.of("registerAPIService", false)));

        assertThat(chart.ofKind("APIService")).isEmpty();
        assertThat(chart.ofKind("Deployment")).hasSize(1);
    }

    @Test
    void userAffinityReplacesTheDefaultSpread() {
        Map<String, Object> nodeAffinity = Map.of("nodeAffinity", Map.of("requiredDuringSchedulingIgnoredDuringExecution",
                Map.of("nodeSelectorTerms", List.of(Map.of("matchExpressions", List.of(
                        Map.of("key", "karpenter.sh/nodepool", "operator", "DoesNotExist")))))));
        RenderedChart chart = RenderedChart.with(Map.of(
                "affinity", nodeAffinity,
                "nodeSelector", Map.of("kubernetes.io/os", "linux"),
                "tolerations", List.of(Map.of("key", "CriticalAddonsOnly", "operator", "Exists"))));
        var pod = chart.only("Deployment", Deployment.class).getSpec().getTemplate().getSpec();

        assertThat(pod.getAffinity().getPodAntiAffinity()).isNull();
        assertThat(pod.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms().get(0).getMatchExpressions().get(0).getKey()).isEqualTo("karpenter.sh/nodepool");
        assertThat(pod.getNodeSelector()).containsEntry("kubernetes.io/os", "linux");
        assertThat(pod.getTolerations()).extracting(t -> t.getKey()).containsExactly("CriticalAddonsOnly");
    }

    private static String caBundle(RenderedChart chart) {
        return (String) map(chart.get("APIService", "v1beta1.external.metrics.k8s.io").getAdditionalProperties().get("spec")).get("caBundle");
    }
}
