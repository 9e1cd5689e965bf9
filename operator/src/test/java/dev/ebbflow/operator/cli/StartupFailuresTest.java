package dev.ebbflow.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.testkit.kube.ControlPlane;
import dev.ebbflow.testkit.kube.RealControlPlane;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a user sees when {@code ebbflow run} cannot start: one line on stderr saying what is wrong and
 * what to do, exit code 1, no stack trace.
 */
@ExtendWith(RealControlPlane.class)
class StartupFailuresTest {

    private static final Duration EXIT = Duration.ofSeconds(60);

    @Test
    void noKubeconfig() {
        assertFailsWith(Map.of("KUBECONFIG", "/nonexistent/kubeconfig"), "ebbflow: KUBECONFIG=/nonexistent/kubeconfig names no readable file");
    }

    @Test
    void badKarpenterBatchSetting(ControlPlane cp) {
        assertFailsWith(Map.of("KUBECONFIG", cp.kubeconfig().toString(), "BATCH_MAX_DURATION", "later"),
                "ebbflow: BATCH_MAX_DURATION: must be a duration such as 500ms or 10s, got 'later'");
    }

    @Test
    void noClusterThere(ControlPlane cp) throws IOException {
        Path kubeconfig = Files.createTempFile("unreachable", ".kubeconfig");
        Files.writeString(kubeconfig, Files.readString(cp.kubeconfig()).replaceAll("server: \"[^\"]+\"", "server: \"https://127.0.0.1:1\""));
        assertFailsWith(Map.of("KUBECONFIG", kubeconfig.toString()), "ebbflow: cannot reach the Kubernetes API server");
    }

    @Test
    void forbidden(ControlPlane cp) throws IOException {
        try (KubernetesClient client = cp.newClient()) {
            String ns = cp.createNamespace(client, "forbidden");
            try {
                client.serviceAccounts().inNamespace(ns).resource(new ServiceAccountBuilder().withNewMetadata().withName("nobody").endMetadata()
                        .build()).create();
                Path kubeconfig = cp.serviceAccountKubeconfig(client, ns, "nobody");
                assertFailsWith(Map.of("KUBECONFIG", kubeconfig.toString()), "ebbflow: forbidden: ");
            } finally {
                client.namespaces().withName(ns).delete();
            }
        }
    }

    private static void assertFailsWith(Map<String, String> env, String line) {
        try (OperatorProcess p = OperatorProcess.run("startup-failure", env, "--operator-namespace=default")) {
            assertThat(p.waitFor(EXIT)).as("exit code; it said:%n%s", p.output()).isOne();
            String output = p.output();
            assertThat(output).as(output).contains(line).doesNotContainPattern("\\n\\s+at [a-z]");
            assertThat(output.lines().filter(l -> l.startsWith("ebbflow: "))).as(output).hasSize(1);
            System.out.println(output.lines().filter(l -> l.startsWith("ebbflow: ")).findFirst().orElseThrow());
        }
    }
}
