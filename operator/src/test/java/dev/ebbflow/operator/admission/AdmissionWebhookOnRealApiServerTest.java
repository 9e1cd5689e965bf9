package dev.ebbflow.operator.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.operator.autoscaling.metrics.ScaledObjectIndex;
import dev.ebbflow.operator.metricsapi.ServingCertificate;
import dev.ebbflow.scalers.ScalerRegistry;
import dev.ebbflow.testkit.Eventually;
import dev.ebbflow.testkit.kube.ControlPlane;
import dev.ebbflow.testkit.kube.Crds;
import dev.ebbflow.testkit.kube.RealControlPlane;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.vertx.core.Vertx;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The webhook as kube-apiserver calls it: a ValidatingWebhookConfiguration pointing at the webhook
 * served on loopback, scoped to this class's namespace (and, for the cluster-scoped kind, to objects
 * labelled for it) so the other test classes sharing the control plane never meet it. Each invalid
 * object is refused on create, on a server-side dry run and on an update; warnings reach the client.
 */
@ExtendWith(RealControlPlane.class)
class AdmissionWebhookOnRealApiServerTest {

    private static final String SCOPE_LABEL = "admission.ebbflow.dev/test";
    private static final List<String> WARNINGS = new CopyOnWriteArrayList<>();

    private static KubernetesClient admin;
    private static KubernetesClient client;
    private static Vertx vertx;
    private static ScalerRegistry registry;
    private static AdmissionWebhookServer server;
    private static ScaledObjectIndex index;
    private static AdmissionCaches caches;
    private static String ns;
    private static String configurationName;

    @BeforeAll
    static void registerTheWebhook(ControlPlane cp) {
        admin = cp.newClient();
        client = new KubernetesClientBuilder().withConfig(cp.config())
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("warnings", new Interceptor() {
                    @Override
                    public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
                        WARNINGS.addAll(response.headers("Warning"));
                    }
                })).build();
        Crds.applyRepositoryCrds(admin);
        ns = cp.createNamespace(admin, "admission");
        registry = ScalerRegistry.loadInstalled();
        vertx = Vertx.vertx();
        ServingCertificate certificate = ServingCertificate.selfSigned(List.of("localhost"), Clock.systemUTC());
        index = new ScaledObjectIndex(admin, Set.of(ns));
        caches = AdmissionCaches.start(admin, index, Set.of(ns), Clock.systemUTC());
        Eventually.within(Duration.ofSeconds(30), () -> assertThat(caches.hasSynced()).isTrue());
        server = new AdmissionWebhookServer(vertx, "127.0.0.1", 0, certificate, KedaAdmission.cached(admin, registry, "ebbflow", caches));
        int port = server.start();
        configurationName = "ebbflow-admission-" + ns;
        admin.resource(webhookConfiguration(port, certificate)).create();
        // The API server reads webhook configurations through an informer: wait until ours is called.
        Eventually.within(Duration.ofSeconds(30), () -> assertThatThrownBy(() -> client.resource(scaledObject("probe", "worker",
                "- {type: kafka, metadata: {topic: t}}")).inNamespace(ns).dryRun().create()).hasMessageContaining("denied the request"));
    }

    @AfterAll
    static void unregister() {
        if (admin != null) {
            admin.genericKubernetesResources("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration").withName(configurationName).delete();
            admin.genericKubernetesResources("keda.sh/v1alpha1", "ClusterTriggerAuthentication").withLabel(SCOPE_LABEL, ns).delete();
            admin.namespaces().withName(ns).delete();
            admin.close();
        }
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
        if (caches != null) {
            caches.close();
        }
        if (index != null) {
            index.close();
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
        if (registry != null) {
            registry.close();
        }
    }

    private static GenericKubernetesResource webhookConfiguration(int port, ServingCertificate certificate) {
        String caBundle = Base64.getEncoder().encodeToString(certificate.certificatePem().getBytes(StandardCharsets.US_ASCII));
        StringBuilder yaml = new StringBuilder("""
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingWebhookConfiguration
                metadata: {name: %s}
                webhooks:
                """.formatted(configurationName));
        String[][] kinds = {{"vscaledobject.kb.io", "scaledobjects", "scaledobject"}, {"vscaledjob.kb.io", "scaledjobs", "scaledjob"},
                {"vstriggerauthentication.kb.io", "triggerauthentications", "triggerauthentication"},
                {"vsclustertriggerauthentication.kb.io", "clustertriggerauthentications", "clustertriggerauthentication"}};
        for (String[] kind : kinds) {
            String selector = kind[1].startsWith("cluster")
                    ? "objectSelector: {matchLabels: {%s: %s}}".formatted(SCOPE_LABEL, ns)
                    : "namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: %s}}".formatted(ns);
            yaml.append("""
                    - name: %s
                      admissionReviewVersions: [v1]
                      sideEffects: None
                      failurePolicy: Fail
                      timeoutSeconds: 10
                      %s
                      clientConfig: {url: "https://127.0.0.1:%d/validate-keda-sh-v1alpha1-%s", caBundle: %s}
                      rules: [{apiGroups: [keda.sh], apiVersions: [v1alpha1], operations: [CREATE, UPDATE], resources: [%s]}]
                    """.formatted(kind[0], selector, port, kind[2], caBundle, kind[1]));
        }
        return admin.getKubernetesSerialization().unmarshal(yaml.toString(), GenericKubernetesResource.class);
    }

    private static HasMetadata scaledObject(String name, String target, String triggers) {
        return scaledObject(name, target, "", triggers);
    }

    private static HasMetadata scaledObject(String name, String target, String spec, String triggers) {
        return admin.getKubernetesSerialization().unmarshal("""
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: {name: %s}
                spec:
                  scaleTargetRef: {name: %s}
                %s  triggers:
                %s
                """.formatted(name, target, spec.isEmpty() ? "" : spec.indent(2), triggers.indent(2)), GenericKubernetesResource.class);
    }

    private static String rabbit(String name) {
        return "- {type: rabbitmq, name: " + name + ", metadata: {queueName: q, mode: QueueLength, value: '5', host: 'amqp://rabbit/'}}";
    }

    /** Refused on a server-side dry run and on a real create with {@code message}, and not stored. */
    private static void assertRefused(HasMetadata object, String webhook, String message) {
        String denied = "admission webhook \"" + webhook + "\" denied the request: ";
        assertThatThrownBy(() -> client.resource(object).inNamespace(ns).dryRun().create()).as("--dry-run=server")
                .hasMessageContaining(denied).hasMessageContaining(message);
        assertThatThrownBy(() -> client.resource(object).inNamespace(ns).create()).hasMessageContaining(denied).hasMessageContaining(message);
        assertThat(admin.resource(object).inNamespace(ns).get()).as("not stored").isNull();
    }

    @Test
    void eachInvalidScaledObjectIsRefusedWithItsMessage() {
        assertRefused(scaledObject("kafka", "worker", "- {type: kafka, metadata: {topic: t}}"), "vscaledobject.kb.io",
                "spec.triggers[0].type: unknown trigger type 'kafka'");
        assertRefused(scaledObject("sideways", "worker", "- {type: rabbitmq, metadata: {queueName: q, mode: Sideways, value: '5', host: 'amqp://rabbit/'}}"),
                "vscaledobject.kb.io", "Sideways");
        assertRefused(scaledObject("utilization", "worker",
                "- {type: rabbitmq, metricType: Utilization, metadata: {queueName: q, mode: QueueLength, value: '5', host: 'amqp://rabbit/'}}"),
                "vscaledobject.kb.io", "spec.triggers[0].metricType: 'Utilization' is not supported by the rabbitmq trigger");
        assertRefused(scaledObject("formula", "worker", "advanced: {scalingModifiers: {formula: 'a +* b', target: '5'}}", rabbit("a") + "\n" + rabbit("b")),
                "vscaledobject.kb.io", "spec.advanced.scalingModifiers.formula:");
        assertRefused(scaledObject("fallback", "worker", """
                fallback: {failureThreshold: 3, replicas: 2, behavior: currentReplicas}
                advanced: {scalingModifiers: {formula: 'a + b', target: '5', metricType: Value}}""", rabbit("a") + "\n" + rabbit("b")),
                "vscaledobject.kb.io", "spec.advanced.scalingModifiers.metricType: must be AverageValue when spec.fallback is set");
        String longName = "n".repeat(55);
        assertRefused(scaledObject(longName, "worker", rabbit("q")), "vscaledobject.kb.io", "makes the generated HPA name 'keda-hpa-" + longName + "' 64 characters long");
    }

    @Test
    void aWorkloadScaledByAnotherScaledObjectOrAnHpaIsRefused() {
        client.resource(scaledObject("first", "shared", rabbit("q"))).inNamespace(ns).create();
        admin.resource(admin.getKubernetesSerialization().unmarshal("""
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: by-hand}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: manual}
                  maxReplicas: 3
                  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}}]
                """, HasMetadata.class)).inNamespace(ns).create();

        assertRefused(scaledObject("second", "shared", rabbit("q")), "vscaledobject.kb.io",
                "the workload 'shared' of type 'apps/Deployment' is already managed by the ScaledObject 'first'");
        assertRefused(scaledObject("over-hpa", "manual", rabbit("q")), "vscaledobject.kb.io",
                "the workload 'manual' of type 'apps/Deployment' is already managed by the hpa 'by-hand'");
    }

    @Test
    void aFallbackBehaviorWithScalingModifiersIsAcceptedAndAnUnknownBehaviorRefusedWithKedasMessage() {
        String fallback = """
                fallback: {failureThreshold: 3, replicas: 2, behavior: %s}
                advanced: {scalingModifiers: {formula: 'a + b', target: '5', activationTarget: '1', metricType: AverageValue}}""";
        String triggers = rabbitAverage("a") + "\n" + rabbitAverage("b");
        client.resource(scaledObject("modified-fallback", "modified-worker", fallback.formatted("currentReplicasIfHigher"), triggers))
                .inNamespace(ns).create();
        GenericKubernetesResource stored = admin.genericKubernetesResources("keda.sh/v1alpha1", "ScaledObject").inNamespace(ns)
                .withName("modified-fallback").get();
        assertThat(stored.<String>get("spec", "fallback", "behavior")).isEqualTo("currentReplicasIfHigher");

        HasMetadata unknown = scaledObject("never-fallback", "never-worker", fallback.formatted("never"), triggers);
        assertThatThrownBy(() -> client.resource(unknown).inNamespace(ns).create())
                .hasMessageContaining("spec.fallback.behavior: Unsupported value: \"never\": supported values: ")
                .hasMessageContaining("\"static\"").hasMessageContaining("\"currentReplicas\"")
                .hasMessageContaining("\"currentReplicasIfHigher\"").hasMessageContaining("\"currentReplicasIfLower\"");
        assertThat(admin.resource(unknown).inNamespace(ns).get()).as("not stored").isNull();
    }

    /** A RabbitMQ trigger with the AverageValue metric type, which KEDA's fallback requires. */
    private static String rabbitAverage(String name) {
        return "- {type: rabbitmq, name: " + name + ", metricType: AverageValue, metadata: {queueName: q, mode: QueueLength, value: '5', host: 'amqp://rabbit/'}}";
    }

    @Test
    void anUpdateThatMakesAValidScaledObjectInvalidIsRefused() {
        client.resource(scaledObject("edited", "edited-worker", rabbit("q"))).inNamespace(ns).create();

        assertThatThrownBy(() -> client.resource(scaledObject("edited", "edited-worker", "- {type: kafka, metadata: {topic: t}}")).inNamespace(ns).update())
                .hasMessageContaining("admission webhook \"vscaledobject.kb.io\" denied the request: spec.triggers[0].type: unknown trigger type 'kafka'");
        GenericKubernetesResource stored = admin.genericKubernetesResources("keda.sh/v1alpha1", "ScaledObject").inNamespace(ns).withName("edited").get();
        assertThat(stored.<String>get("spec", "triggers", 0, "type")).isEqualTo("rabbitmq");
    }

    @Test
    void aMissingTriggerAuthenticationIsAWarningThatReachesTheClient() {
        WARNINGS.clear();
        client.resource(scaledObject("early", "early-worker",
                "- {type: rabbitmq, authenticationRef: {name: comes-later}, metadata: {queueName: q, mode: QueueLength, value: '5'}}")).inNamespace(ns).create();

        assertThat(admin.genericKubernetesResources("keda.sh/v1alpha1", "ScaledObject").inNamespace(ns).withName("early").get()).isNotNull();
        assertThat(WARNINGS).anySatisfy(w -> assertThat(w).contains("TriggerAuthentication 'comes-later' not found in namespace '" + ns + "'"));
    }

    @Test
    void triggerAuthenticationsBreakingKedasPodIdentityRulesAreRefused() {
        assertRefused(admin.getKubernetesSerialization().unmarshal("""
                apiVersion: keda.sh/v1alpha1
                kind: TriggerAuthentication
                metadata: {name: empty-id}
                spec: {podIdentity: {provider: azure-workload, identityId: ""}}
                """, HasMetadata.class), "vstriggerauthentication.kb.io", "spec.podIdentity.identityId: must not be empty");
        HasMetadata cluster = admin.getKubernetesSerialization().unmarshal("""
                apiVersion: keda.sh/v1alpha1
                kind: ClusterTriggerAuthentication
                metadata: {name: %s-foreign-role, labels: {%s: %s}}
                spec: {podIdentity: {provider: azure-workload, roleArn: "arn:aws:iam::1:role/r"}}
                """.formatted(ns, SCOPE_LABEL, ns), HasMetadata.class);
        assertThatThrownBy(() -> client.resource(cluster).create())
                .hasMessageContaining("admission webhook \"vsclustertriggerauthentication.kb.io\" denied the request: "
                        + "spec.podIdentity.roleArn: is only used with provider aws");

        WARNINGS.clear();
        client.resource(admin.getKubernetesSerialization().unmarshal("""
                apiVersion: keda.sh/v1alpha1
                kind: TriggerAuthentication
                metadata: {name: vault}
                spec: {hashiCorpVault: {address: "https://vault", authentication: token, secrets: []}}
                """, HasMetadata.class)).inNamespace(ns).create();
        assertThat(WARNINGS).anySatisfy(w -> assertThat(w).contains("spec.hashiCorpVault: is not supported by Ebbflow"));
    }

    @Test
    void aScaledJobWithATriggerItsScalerCannotReadIsRefused() {
        assertRefused(admin.getKubernetesSerialization().unmarshal("""
                apiVersion: keda.sh/v1alpha1
                kind: ScaledJob
                metadata: {name: reports}
                spec:
                  jobTargetRef:
                    template:
                      spec:
                        containers: [{name: job, image: busybox}]
                  triggers:
                  - {type: rabbitmq, metadata: {queueName: q, mode: Sideways, value: '5', host: 'amqp://rabbit/'}}
                """, HasMetadata.class), "vscaledjob.kb.io", "Sideways");
    }
}
