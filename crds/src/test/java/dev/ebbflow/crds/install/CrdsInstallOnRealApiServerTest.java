package dev.ebbflow.crds.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.testkit.kube.ControlPlane;
import dev.ebbflow.testkit.kube.RealControlPlane;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What {@code kubectl create -f crds/} and {@code kubectl apply --server-side -f crds/} (and Helm, which
 * creates the chart's {@code crds/}) do on a user's cluster, on the real API server: every CRD is accepted
 * (OpenAPI structure, CEL rules within their cost budget) and becomes Established. Each CRD is deleted
 * before each install, so the API server sees a fresh create as on a new cluster. The class leaves every
 * CRD of {@code crds/} installed for the test classes that follow.
 */
@ExtendWith(RealControlPlane.class)
class CrdsInstallOnRealApiServerTest {

    @Test
    void everyCrdInstallsByCreateAndByServerSideApply(ControlPlane cp) {
        List<String> refused = Collections.synchronizedList(new ArrayList<>());
        Map<String, List<Path>> crds = filesByContent();
        ExecutorService pool = Executors.newFixedThreadPool(crds.size());
        try (KubernetesClient client = cp.newClient()) {
            // The chart's copies are byte for byte those of crds/ (HelmChartCrdsTest): one install proves both.
            // The CRDs are independent, so they are installed side by side.
            CompletableFuture.allOf(crds.entrySet().stream()
                    .map(crd -> CompletableFuture.runAsync(() -> installTwice(client, crd.getKey(), crd.getValue(), refused), pool))
                    .toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdownNow();
        }
        assertThat(refused).as("CRDs the API server refused").isEmpty();
    }

    @AfterAll
    static void leaveTheRepositoryCrdsInstalled(ControlPlane cp) {
        try (KubernetesClient client = cp.newClient()) {
            CrdFiles.installRepositoryCrds(client);
        }
    }

    /** {@code kubectl create} (a POST), then {@code kubectl apply --server-side} twice (a fresh apply, then an upgrade). */
    private static void installTwice(KubernetesClient client, String yaml, List<Path> files, List<String> refused) {
        CustomResourceDefinition crd = CrdFiles.parse(yaml);
        String name = crd.getMetadata().getName();
        var crds = client.apiextensions().v1().customResourceDefinitions();
        try {
            CrdFiles.deleteAndAwaitGone(client, name);
            crds.resource(crd).create();
            CrdFiles.awaitEstablished(client, name);
        } catch (KubernetesClientException | AssertionError e) {
            refused.add("create " + files + ": " + message(e));
        }
        try {
            CrdFiles.deleteAndAwaitGone(client, name);
            crds.resource(crd).serverSideApply();
            crds.resource(crd).serverSideApply();
            CrdFiles.awaitEstablished(client, name);
        } catch (KubernetesClientException | AssertionError e) {
            refused.add("apply --server-side " + files + ": " + message(e));
        }
    }

    private static String message(Throwable e) {
        return e instanceof KubernetesClientException k && k.getStatus() != null ? k.getStatus().getMessage() : e.getMessage();
    }

    private static Map<String, List<Path>> filesByContent() {
        Map<String, List<Path>> byContent = new LinkedHashMap<>();
        for (Path dir : List.of(CrdFiles.REPOSITORY, CrdFiles.CHART)) {
            List<Path> files = CrdFiles.in(dir);
            assertThat(files).as("CRD files in " + dir).isNotEmpty();
            for (Path file : files) {
                byContent.computeIfAbsent(read(file), k -> new ArrayList<>()).add(file);
            }
        }
        return byContent;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
