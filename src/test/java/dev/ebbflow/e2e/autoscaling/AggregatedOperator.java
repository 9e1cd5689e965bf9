package dev.ebbflow.e2e.autoscaling;

import dev.ebbflow.operator.EbbflowOperator;
import dev.ebbflow.operator.cli.OperatorSettings;
import dev.ebbflow.operator.metricsapi.CertificateIssuer;
import dev.ebbflow.scalers.ScalerRegistry;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The operator in this JVM, run as the Helm chart runs it (delegated authorization of the metrics API,
 * the request-header CA read from kube-system/extension-apiserver-authentication, a serving certificate
 * from files), watching one namespace, with its external metrics API registered in the real API server's
 * aggregation layer ({@link MetricsApiRegistration}). {@link #close()} removes the APIService before it
 * stops the operator.
 */
final class AggregatedOperator implements AutoCloseable {

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
        CertificateIssuer.Issued serving = MetricsApiRegistration.servingCertificate(namespace);
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
            MetricsApiRegistration.register(client, namespace, operator.metricsApiPort(), serving.certificatePem(), Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        return started;
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
            MetricsApiRegistration.unregister(client, namespace);
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
