package dev.ebbflow.e2e.autoscaling;

import dev.ebbflow.testkit.kube.ControlPlane;
import dev.ebbflow.operator.EbbflowOperator;
import dev.ebbflow.operator.cli.OperatorSettings;
import dev.ebbflow.operator.metricsapi.CertificateIssuer;
import dev.ebbflow.scalers.ScalerRegistry;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The operator in this JVM, run as the Helm chart runs it (delegated authorization of the metrics API,
 * the request-header CA read from kube-system/extension-apiserver-authentication, a serving certificate
 * from files), watching one namespace, with its external metrics API registered in the real API server's
 * aggregation layer: an APIService {@value #API_SERVICE} whose caBundle is the serving certificate,
 * pointing at a Service of type ExternalName {@code localhost}, which the aggregator resolves to the
 * operator's port on loopback.
 *
 * <p>{@link #close()} removes the APIService (cluster-scoped; other classes of the run share the
 * cluster) before it stops the operator, so the aggregator never lists an unavailable API for long:
 * that stalls namespace deletion and garbage collection cluster-wide.
 */
final class AggregatedOperator implements AutoCloseable {

    static final String API_SERVICE = "v1beta1.external.metrics.k8s.io";
    static final String SERVICE = "ebbflow-metrics-api";

    private final KubernetesClient client;
    private final String namespace;
    private final EbbflowOperator operator;
    private final X509Certificate servingCertificate;

    private AggregatedOperator(KubernetesClient client, String namespace, EbbflowOperator operator, X509Certificate servingCertificate) {
        this.client = client;
        this.namespace = namespace;
        this.operator = operator;
        this.servingCertificate = servingCertificate;
    }

    /** Starts the operator on {@code namespace} and registers its metrics API; waits until the aggregator calls it Available. */
    static AggregatedOperator start(KubernetesClient client, String namespace, Path workDir) {
        return start(client, namespace, workDir, builder -> { });
    }

    /** @param customize adds to the operator's builder (modules, provisioning ahead) */
    static AggregatedOperator start(KubernetesClient client, String namespace, Path workDir, java.util.function.Consumer<EbbflowOperator.Builder> customize) {
        // The aggregator checks the serving certificate against <service>.<namespace>.svc, whatever host it dials.
        String serverName = SERVICE + "." + namespace + ".svc";
        CertificateIssuer.Issued serving = CertificateIssuer.selfSignedServer(serverName, List.of(serverName, "localhost"),
                List.of("127.0.0.1"), Instant.now().minusSeconds(300), Duration.ofDays(1));
        Path cert = write(workDir.resolve("tls.crt"), serving.certificatePem());
        Path key = write(workDir.resolve("tls.key"), serving.privateKeyPem());
        OperatorSettings settings = new OperatorSettings(Set.of(namespace), 200, 400, "INFO", false, "ebbflow-operator", namespace,
                namespace, 0, 0, Optional.of(cert), Optional.of(key), Optional.empty(), Set.of(), true);
        EbbflowOperator.Builder builder = EbbflowOperator.builder()
                .settings(settings)
                .client(client)
                .scalers(ScalerRegistry.loadInstalled())
                .bindHost("127.0.0.1")
                .scaleLoopWorkers(4);
        customize.accept(builder);
        EbbflowOperator operator = builder.build().start();
        AggregatedOperator started = new AggregatedOperator(client, namespace, operator, serving.certificate());
        try {
            started.register(serving.certificatePem());
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        return started;
    }

    private void register(String caBundle) {
        int port = operator.metricsApiPort();
        client.services().inNamespace(namespace).resource(new ServiceBuilder()
                .withNewMetadata().withName(SERVICE).withNamespace(namespace).endMetadata()
                .withNewSpec().withType("ExternalName").withExternalName("localhost")
                    .addNewPort().withName("https").withPort(port).endPort()
                .endSpec().build()).create();
        // The client's model has no APIService type here, so the object is written as the manifest a chart would hold.
        GenericKubernetesResource apiService = new GenericKubernetesResourceBuilder()
                .withApiVersion("apiregistration.k8s.io/v1").withKind("APIService")
                .withNewMetadata().withName(API_SERVICE).endMetadata()
                .addToAdditionalProperties("spec", Map.of(
                        "group", "external.metrics.k8s.io", "version", "v1beta1",
                        "groupPriorityMinimum", 100, "versionPriority", 100,
                        "caBundle", Base64.getEncoder().encodeToString(caBundle.getBytes(StandardCharsets.UTF_8)),
                        "service", Map.of("name", SERVICE, "namespace", namespace, "port", port)))
                .build();
        apiServices().resource(apiService).createOr(existing -> existing.update());
        apiServices().withName(API_SERVICE).waitUntilCondition(ControlPlane::apiServiceAvailable, 60, TimeUnit.SECONDS);
    }

    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> apiServices() {
        return client.genericKubernetesResources("apiregistration.k8s.io/v1", "APIService");
    }


    /** The namespace of the Service an APIService points at, or null. */
    private static String serviceNamespace(GenericKubernetesResource s) {
        return s == null ? null : s.get("spec", "service", "namespace");
    }

    EbbflowOperator operator() {
        return operator;
    }

    /** The certificate the metrics API serves (the APIService's caBundle). */
    X509Certificate servingCertificate() {
        return servingCertificate;
    }

    @Override
    public void close() {
        try {
            if (namespace.equals(serviceNamespace(apiServices().withName(API_SERVICE).get()))) {
                apiServices().withName(API_SERVICE).delete();
            }
        } finally {
            operator.close();
        }
    }

    private static Path write(Path file, String content) {
        try {
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
