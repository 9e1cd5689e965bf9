package dev.ebbflow.operator.helm;

import dev.ebbflow.testkit.RepositoryFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.operator.autoscaling.RabbitQueues;
import dev.ebbflow.operator.cli.OperatorProcess;
import dev.ebbflow.testkit.Eventually;
import dev.ebbflow.testkit.kube.ControlPlane;
import dev.ebbflow.testkit.kube.Crds;
import dev.ebbflow.testkit.kube.RealControlPlane;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The README's Install section on the real control plane: {@code kubectl apply -f crds/}, then the
 * chart's objects as {@code helm install} creates them, and the operator run with the chart's
 * arguments, environment and certificate under the chart's ServiceAccount (so its ClusterRole is what
 * is tested, not an admin's rights). No kubelet runs here, so the chart's Deployment is not created;
 * its container's command line is run as a process instead, and the chart's Service becomes an
 * ExternalName for localhost so that the aggregator reaches that process. The example of
 * {@code examples/rabbitmq} then scales through the real HPA controller reading our metrics API.
 */
@ExtendWith(RealControlPlane.class)
@SuppressWarnings("unchecked")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChartInstallOnRealControlPlaneTest {

    private static final String NS = RenderedChart.NAMESPACE;
    private static final String DEMO = "ebbflow-chart-demo";

    private static KubernetesClient admin;
    private static RenderedChart chart;
    private static OperatorProcess operator;
    private static RabbitQueues queues;
    private static final List<HasMetadata> created = new ArrayList<>();

    @BeforeAll
    static void install(ControlPlane cp) throws Exception {
        admin = cp.newClient();
        Crds.applyRepositoryCrds(admin);
        chart = RenderedChart.withDefaults();
        createNamespace(NS);
        int apiPort = OperatorProcess.freePort();
        int webhookPort = OperatorProcess.freePort();
        for (GenericKubernetesResource object : chart.all()) {
            if ("Deployment".equals(object.getKind())) {
                continue;
            }
            if ("Service".equals(object.getKind())) {
                exposeOnLocalhost(object);
            }
            if ("APIService".equals(object.getKind())) {
                // The chart's Service is an ExternalName here, which the aggregator dials on the APIService's port.
                Map<String, Object> spec = (Map<String, Object>) object.getAdditionalProperties().get("spec");
                ((Map<String, Object>) spec.get("service")).put("port", apiPort);
            }
            if ("ValidatingWebhookConfiguration".equals(object.getKind())) {
                // Dialled, like the APIService, on the ExternalName Service with the webhook's own port.
                for (Map<String, Object> webhook : (List<Map<String, Object>>) object.getAdditionalProperties().get("webhooks")) {
                    ((Map<String, Object>) ((Map<String, Object>) webhook.get("clientConfig")).get("service")).put("port", webhookPort);
                }
            }
            created.add(admin.resource(object).forceConflicts().serverSideApply());
        }
        operator = startAsTheChartRunsIt(cp, apiPort, webhookPort);
    }

    @AfterAll
    static void uninstall() throws Exception {
        if (admin != null) {
            // While the operator still runs, so that it releases the ScaledObject's finalizer.
            admin.namespaces().withName(DEMO).delete();
            admin.namespaces().withName(DEMO).waitUntilCondition(java.util.Objects::isNull, 60, TimeUnit.SECONDS);
            admin.genericKubernetesResources("karpenter.sh/v1", "NodePool").withName("ebbflow-chart-test").delete();
            Eventually.within(Duration.ofSeconds(60), () -> {
                assertThat(admin.nodes().withLabel("karpenter.sh/nodepool", "ebbflow-chart-test").list().getItems()).isEmpty();
                assertThat(admin.genericKubernetesResources("karpenter.sh/v1", "NodeClaim").withLabel("karpenter.sh/nodepool", "ebbflow-chart-test")
                        .list().getItems()).isEmpty();
            });
        }
        if (operator != null) {
            operator.close();
        }
        if (queues != null) {
            queues.delete("orders");
            queues.close();
        }
        if (admin != null) {
            for (HasMetadata object : created) {
                admin.resource(object).delete();
            }
            admin.namespaces().withName(NS).delete();
            admin.close();
        }
    }

    @Test
    @Order(1)
    void theOperatorStartsUnderTheChartsServiceAccountAndLeads() {
        Eventually.within(Duration.ofSeconds(60), () -> assertThat(operator.get("/readyz").status()).as(operator.output()).isEqualTo(200));
        Eventually.within(Duration.ofSeconds(30), () -> assertThat(operator.output()).contains("leads"));
        assertThat(operator.get("/healthz").status()).isEqualTo(200);
        assertThat(operator.output()).as("nothing the chart's ClusterRole forbids")
                .doesNotContainIgnoringCase("forbidden").doesNotContain("\tat ");
    }

    @Test
    @Order(2)
    void theExampleScalesThroughTheRealHpaReadingTheAggregatedMetricsApi() throws Exception {
        queues = new RabbitQueues();
        queues.declare("orders");
        // The example's queue name is fixed: a run that was stopped before its clean-up leaves its messages behind.
        queues.purge("orders");
        queues.publish("orders", 25);
        createNamespace(DEMO);
        try (Stream<Path> files = Files.list(RepositoryFiles.directory("examples/rabbitmq"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                HasMetadata object = admin.getKubernetesSerialization().unmarshal(Files.readString(file));
                if (object instanceof Secret secret) {
                    // The example asks its users to put their broker's URL here.
                    secret.setStringData(Map.of("amqp-url", RabbitQueues.AMQP_URL));
                }
                admin.resource(object).inNamespace(DEMO).create();
            }
        }

        Eventually.within(Duration.ofSeconds(60), () -> assertThat(ControlPlane.apiServiceAvailable(admin, "v1beta1.external.metrics.k8s.io")).isTrue());
        Eventually.within(Duration.ofSeconds(60), () -> {
            String metric = admin.raw("/apis/external.metrics.k8s.io/v1beta1/namespaces/" + DEMO
                    + "/s0-rabbitmq-orders?labelSelector=scaledobject.keda.sh%2Fname%3Dorders-worker");
            assertThat(metric).contains("\"value\":\"25\"");
        });
        // 25 messages, 10 per replica: the HPA controller asks for 3, reading the metric through the aggregator.
        Eventually.within(Duration.ofSeconds(90), () -> {
            HorizontalPodAutoscaler hpa = admin.autoscaling().v2().horizontalPodAutoscalers().inNamespace(DEMO).withName("keda-hpa-orders-worker").get();
            assertThat(hpa).isNotNull();
            assertThat(hpa.getStatus().getDesiredReplicas()).isEqualTo(3);
            Deployment worker = admin.apps().deployments().inNamespace(DEMO).withName("orders-worker").get();
            assertThat(worker.getSpec().getReplicas()).isEqualTo(3);
        });
        assertThat(operator.output()).doesNotContainIgnoringCase("forbidden").doesNotContain("\tat ");
    }

    @Test
    @Order(3)
    void theWorkersPendingPodsGetSimulatedNodesThatKubeSchedulerBindsThemTo() {
        // Opted out of the simulated-node taint: the example's worker is a real workload that tolerates nothing.
        created.add(admin.resource("""
                apiVersion: ebbflow.dev/v1alpha1
                kind: SimulatedNodeClass
                metadata: {name: ebbflow-chart-test}
                spec:
                  markSimulated: false
                  zones: [zone-a]
                  bootDelay: 1s
                """).create());
        created.add(admin.resource("""
                apiVersion: karpenter.sh/v1
                kind: NodePool
                metadata: {name: ebbflow-chart-test}
                spec:
                  template:
                    spec:
                      nodeClassRef: {group: ebbflow.dev, kind: SimulatedNodeClass, name: ebbflow-chart-test}
                      requirements:
                        - {key: kubernetes.io/os, operator: In, values: [linux]}
                  disruption: {consolidationPolicy: WhenEmpty, consolidateAfter: 5s}
                """).create());

        Eventually.within(Duration.ofSeconds(90), () -> assertThat(admin.pods().inNamespace(DEMO).list().getItems())
                .hasSize(3).allSatisfy(pod -> {
                    assertThat(pod.getSpec().getNodeName()).as("bound by kube-scheduler").isNotNull();
                    assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
                }));
        assertThat(admin.nodes().list().getItems()).filteredOn(n -> "ebbflow-chart-test".equals(n.getMetadata().getLabels().get("karpenter.sh/nodepool")))
                .isNotEmpty().allSatisfy(node -> assertThat(node.getSpec().getTaints()).as("the lifecycle controller took not-ready off")
                        .noneMatch(t -> t.getKey().startsWith("node.kubernetes.io/")));
        assertThat(operator.output()).doesNotContainIgnoringCase("forbidden").doesNotContain("\tat ");
    }

    @Test
    @Order(4)
    void theChartsWebhookRefusesAScaledObjectForAWorkloadTheExampleAlreadyScales() {
        HasMetadata second = admin.getKubernetesSerialization().unmarshal("""
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: {name: second-worker}
                spec:
                  scaleTargetRef: {name: orders-worker}
                  triggers:
                  - {type: rabbitmq, metadata: {queueName: orders, mode: QueueLength, value: '10', host: 'amqp://rabbit/'}}
                """, HasMetadata.class);
        String refusal = "admission webhook \"vscaledobject.kb.io\" denied the request: "
                + "the workload 'orders-worker' of type 'apps/Deployment' is already managed by the ScaledObject 'orders-worker'";

        assertThatThrownBy(() -> admin.resource(second).inNamespace(DEMO).dryRun().create()).hasMessageContaining(refusal);
        assertThatThrownBy(() -> admin.resource(second).inNamespace(DEMO).create()).hasMessageContaining(refusal);
        assertThat(operator.output()).doesNotContainIgnoringCase("forbidden").doesNotContain("\tat ");
    }

    private static void createNamespace(String name) {
        admin.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                .serverSideApply();
    }

    /** The chart's Service, pointing at this machine: the aggregator still checks the certificate against {@code <service>.<ns>.svc}. */
    private static void exposeOnLocalhost(GenericKubernetesResource service) {
        Map<String, Object> spec = (Map<String, Object>) service.getAdditionalProperties().get("spec");
        spec.remove("selector");
        spec.put("type", "ExternalName");
        spec.put("externalName", "localhost");
    }

    private static OperatorProcess startAsTheChartRunsIt(ControlPlane cp, int apiPort, int webhookPort) throws IOException {
        Path dir = Files.createDirectories(Path.of("target/chart-install"));
        Deployment deployment = chart.only("Deployment", Deployment.class);
        var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        String tlsMount = container.getVolumeMounts().stream().filter(m -> "tls".equals(m.getName())).findFirst().orElseThrow().getMountPath();
        Secret tls = RenderedChart.as(chart.ofKind("Secret").stream()
                .filter(s -> s.getMetadata().getName().equals(deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                        .filter(v -> "tls".equals(v.getName())).findFirst().orElseThrow().getSecret().getSecretName()))
                .findFirst().orElseThrow(), Secret.class);
        Path tlsDir = Files.createDirectories(dir.resolve("tls"));
        for (Map.Entry<String, String> key : tls.getData().entrySet()) {
            Files.write(tlsDir.resolve(key.getKey()), Base64.getDecoder().decode(key.getValue()));
        }
        List<String> args = new ArrayList<>();
        for (String arg : container.getArgs().subList(1, container.getArgs().size())) {
            String a = arg.replace(tlsMount, tlsDir.toAbsolutePath().toString());
            if (a.startsWith("--metrics-api-port=")) {
                a = "--metrics-api-port=" + apiPort;
            } else if (a.startsWith("--admission-webhook-port=")) {
                a = "--admission-webhook-port=" + webhookPort;
            } else if (a.startsWith("--metrics-port=")) {
                a = "--metrics-port=" + OperatorProcess.freePort();
            }
            args.add(a);
        }
        String jvmOptions = container.getEnv().stream().filter(e -> "JAVA_TOOL_OPTIONS".equals(e.getName())).findFirst().orElseThrow().getValue();
        Path kubeconfig = cp.serviceAccountKubeconfig(admin, NS, deployment.getSpec().getTemplate().getSpec().getServiceAccountName());
        return OperatorProcess.run("chart-install", Map.of("KUBECONFIG", kubeconfig.toString(), "POD_NAMESPACE", NS, "JAVA_TOOL_OPTIONS", jvmOptions),
                args.toArray(String[]::new));
    }
}
