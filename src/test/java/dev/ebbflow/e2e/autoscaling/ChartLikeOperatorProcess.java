package dev.ebbflow.e2e.autoscaling;

import dev.ebbflow.testkit.FreePorts;

import dev.ebbflow.operator.cli.Main;
import dev.ebbflow.operator.metricsapi.CertificateIssuer;
import dev.ebbflow.testkit.ChartJvmFlags;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ebbflow run} as a separate JVM as the chart runs it (the chart's JVM flags under its
 * memory limit, the CLI's QPS/burst defaults, leader election and delegated authorization on), its
 * external metrics API registered in the aggregation layer so that kube-controller-manager's HPAs read it.
 */
final class ChartLikeOperatorProcess implements AutoCloseable {

    /** The chart's {@code jvmOptions} under its memory limit. */
    private static final List<String> JVM_FLAGS = ChartJvmFlags.flags();

    private final KubernetesClient client;
    private final String namespace;
    private final Process process;

    private ChartLikeOperatorProcess(KubernetesClient client, String namespace, Process process) {
        this.client = client;
        this.namespace = namespace;
        this.process = process;
    }

    /**
     * Starts the operator watching {@code namespace} with the extra {@code args} and {@code env}, and waits
     * until its metrics API is Available through the aggregator.
     */
    static ChartLikeOperatorProcess start(KubernetesClient client, Path kubeconfig, String namespace, Path workDir, List<String> args,
                                          Map<String, String> env) throws IOException {
        CertificateIssuer.Issued serving = MetricsApiRegistration.servingCertificate(namespace);
        Path cert = Files.writeString(workDir.resolve("tls.crt"), serving.certificatePem());
        Path key = Files.writeString(workDir.resolve("tls.key"), serving.privateKeyPem());
        int apiPort = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(JVM_FLAGS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "--watch-namespaces=" + namespace,
                "--operator-namespace=" + namespace, "--leader-election=true", "--metrics-api-delegated-authorization=true",
                "--metrics-port=" + freePort(), "--metrics-api-port=" + apiPort, "--tls-cert-file=" + cert, "--tls-private-key-file=" + key));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(workDir.resolve("operator.log").toFile());
        builder.environment().putAll(Map.of("KUBECONFIG", kubeconfig.toString(), "POD_NAMESPACE", namespace, "POD_NAME", "ebbflow-latency"));
        builder.environment().putAll(env);
        ChartLikeOperatorProcess started = new ChartLikeOperatorProcess(client, namespace, builder.start());
        try {
            MetricsApiRegistration.register(client, namespace, apiPort, serving.certificatePem(), Duration.ofSeconds(180));
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        return started;
    }

    /** Removes the APIService, then SIGTERM, as a rollout would. */
    @Override
    public void close() {
        try {
            MetricsApiRegistration.unregister(client, namespace);
        } finally {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private static int freePort() {
        return FreePorts.next();
    }
}
