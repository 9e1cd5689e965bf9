package dev.ebbflow.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupErrorsTest {

    @Test
    void forbiddenSaysWhichRightsAreMissing() {
        KubernetesClientException e = new KubernetesClientException(new StatusBuilder().withCode(403)
                .withMessage("customresourcedefinitions.apiextensions.k8s.io is forbidden: User \"nobody\" cannot list resource").build());
        assertThat(StartupErrors.explain(new IllegalStateException("start", e)))
                .startsWith("forbidden: customresourcedefinitions.apiextensions.k8s.io is forbidden")
                .contains("clusterrole.yaml");
    }

    @Test
    void unauthorizedPointsAtTheCredentials() {
        KubernetesClientException e = new KubernetesClientException(new StatusBuilder().withCode(401).withMessage("Unauthorized").build());
        assertThat(StartupErrors.explain(e)).startsWith("unauthorized:").contains("KUBECONFIG");
    }

    @Test
    void anUnreachableServerIsNamedAsSuch() {
        Exception e = new KubernetesClientException("Operation: [list]  failed", new IOException("x", new ConnectException("Connection refused")));
        assertThat(StartupErrors.explain(e)).isEqualTo(
                "cannot reach the Kubernetes API server (ConnectException: Connection refused); check that KUBECONFIG points at a running cluster");
    }

    @Test
    void anythingElseIsItsMessageAndItsRootCause() {
        assertThat(StartupErrors.explain(new IllegalStateException("metrics endpoint could not listen on 0.0.0.0:8080",
                new java.net.BindException("Address already in use")))).isEqualTo(
                "metrics endpoint could not listen on 0.0.0.0:8080: Address already in use");
    }

    @Test
    void aKubeconfigThatIsNotThereIsNamed(@TempDir Path home) throws IOException {
        assertThat(StartupErrors.missingKubeconfig(Map.of("KUBECONFIG", "/nonexistent/a:/nonexistent/b"), home))
                .contains("KUBECONFIG=/nonexistent/a:/nonexistent/b names no readable file; point it at the cluster's kubeconfig");
        assertThat(StartupErrors.missingKubeconfig(Map.of(), home)).get().asString().startsWith("no cluster configuration");
        Path config = Files.createDirectories(home.resolve(".kube")).resolve("config");
        Files.writeString(config, "apiVersion: v1");
        assertThat(StartupErrors.missingKubeconfig(Map.of(), home)).isEmpty();
        assertThat(StartupErrors.missingKubeconfig(Map.of("KUBECONFIG", "/nonexistent/a:" + config), home)).isEmpty();
    }

    @Test
    void theSourceOfTheClusterNamesTheKubeconfigAndContextOrTheServiceAccount(@TempDir Path dir) throws IOException {
        Path kubeconfig = Files.writeString(dir.resolve("kc.yaml"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]
                users: [{name: u, user: {token: x}}]
                contexts: [{name: dev, context: {cluster: c, user: u}}]
                current-context: dev
                """);
        assertThat(StartupErrors.source(io.fabric8.kubernetes.client.Config.fromKubeconfig(kubeconfig.toFile())))
                .isEqualTo("API server https://127.0.0.1:1/ from kubeconfig " + kubeconfig + ", context dev");
        assertThat(StartupErrors.source(new io.fabric8.kubernetes.client.ConfigBuilder(io.fabric8.kubernetes.client.Config.empty())
                .withMasterUrl("https://10.0.0.1:443").build()))
                .isEqualTo("API server https://10.0.0.1:443/ from the in-cluster service account");
    }

    @Test
    void thePreflightsEventLoopMayWaitAsLongAsItsRequestWithoutVertxWarnings() {
        var options = ClusterPreflight.vertxOptions();
        assertThat(options.getMaxEventLoopExecuteTimeUnit().toMillis(options.getMaxEventLoopExecuteTime()))
                .isGreaterThanOrEqualTo(ClusterPreflight.CONNECT_TIMEOUT_MS + ClusterPreflight.REQUEST_TIMEOUT_MS);
    }
}
