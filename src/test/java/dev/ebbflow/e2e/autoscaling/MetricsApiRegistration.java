package dev.ebbflow.e2e.autoscaling;

import dev.ebbflow.operator.metricsapi.CertificateIssuer;
import dev.ebbflow.testkit.kube.ControlPlane;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An operator's external metrics API, listening on this machine, registered in the real API server's
 * aggregation layer: an APIService {@value #API_SERVICE} whose caBundle is the serving certificate,
 * pointing at a Service of type ExternalName {@code localhost}, which the aggregator resolves to the
 * operator's port on loopback.
 */
final class MetricsApiRegistration {

    static final String API_SERVICE = "v1beta1.external.metrics.k8s.io";
    static final String SERVICE = "ebbflow-metrics-api";

    private MetricsApiRegistration() {
    }

    /** A serving certificate the aggregator accepts: it checks the name {@code <service>.<namespace>.svc}, whatever host it dials. */
    static CertificateIssuer.Issued servingCertificate(String namespace) {
        String serverName = SERVICE + "." + namespace + ".svc";
        return CertificateIssuer.selfSignedServer(serverName, List.of(serverName, "localhost"), List.of("127.0.0.1"),
                Instant.now().minusSeconds(300), Duration.ofDays(1));
    }

    /** Points the APIService at {@code port} on loopback and waits until the aggregator calls it Available. */
    static void register(KubernetesClient client, String namespace, int port, String caBundlePem, Duration available) {
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
                        "caBundle", Base64.getEncoder().encodeToString(caBundlePem.getBytes(StandardCharsets.UTF_8)),
                        "service", Map.of("name", SERVICE, "namespace", namespace, "port", port)))
                .build();
        apiServices(client).resource(apiService).createOr(existing -> existing.update());
        apiServices(client).withName(API_SERVICE).waitUntilCondition(ControlPlane::apiServiceAvailable, available.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Removes the APIService if it still points at {@code namespace} (cluster-scoped: other classes of the
     * run share the cluster), so the aggregator never lists an unavailable API for long: that stalls
     * namespace deletion and garbage collection cluster-wide.
     */
    static void unregister(KubernetesClient client, String namespace) {
        GenericKubernetesResource current = apiServices(client).withName(API_SERVICE).get();
        if (current != null && namespace.equals(current.get("spec", "service", "namespace"))) {
            apiServices(client).withName(API_SERVICE).delete();
        }
    }

    private static NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> apiServices(
            KubernetesClient client) {
        return client.genericKubernetesResources("apiregistration.k8s.io/v1", "APIService");
    }
}
