package dev.ebbflow.crds.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.testkit.kube.ControlPlane;
import dev.ebbflow.testkit.kube.Crds;
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
 * creates the chart's {@code crds/}) do on a new cluster, on the real API server: every CRD is accepted
 * (OpenAPI structure, CEL rules within their cost budget) and becomes Established.
 *
 * <p>Each CRD is installed fresh as a copy in a group of its own, so that the real CRDs stay installed for
 * the other test classes sharing the control plane (deleting a CRD deletes every object of its kind, and
 * takes the API server seconds). A copy differs only by its group and name, and the API server validates
 * a CRD's schema and rules the same whatever its group. The class then applies the real files, leaving
 * every CRD of {@code crds/} installed.
 */
@ExtendWith(RealControlPlane.class)
class CrdsInstallOnRealApiServerTest {

    private static final String CHECK_GROUP = "install-check.ebbflow.dev";

    @Test
    void everyCrdInstallsByCreateAndByServerSideApply(ControlPlane cp) {
        List<String> refused = Collections.synchronizedList(new ArrayList<>());
        Map<String, List<Path>> crds = filesByContent();
        ExecutorService pool = Executors.newFixedThreadPool(crds.size());
        List<CustomResourceDefinition> copies = Collections.synchronizedList(new ArrayList<>());
        try (KubernetesClient client = cp.newClient()) {
            try {
                // The chart's copies are byte for byte those of crds/ (HelmChartCrdsTest): one install proves both.
                // The CRDs are independent, so they are installed side by side.
                CompletableFuture.allOf(crds.entrySet().stream()
                        .map(crd -> CompletableFuture.runAsync(() -> installBothWays(client, crd.getKey(), crd.getValue(), copies, refused), pool))
                        .toArray(CompletableFuture[]::new)).join();
            } finally {
                pool.shutdownNow();
                // The API server finishes the deletions on its own; nothing waits for them.
                copies.forEach(copy -> client.apiextensions().v1().customResourceDefinitions().resource(copy).delete());
            }
        }
        assertThat(refused).as("CRDs the API server refused").isEmpty();
    }

    @AfterAll
    static void leaveTheRepositoryCrdsInstalled(ControlPlane cp) {
        try (KubernetesClient client = cp.newClient()) {
            Crds.applyRepositoryCrds(client);
        }
    }

    /** {@code kubectl create} (a POST), and {@code kubectl apply --server-side} twice (a fresh apply, then an upgrade). */
    private static void installBothWays(KubernetesClient client, String yaml, List<Path> files,
                                        List<CustomResourceDefinition> copies, List<String> refused) {
        var crds = client.apiextensions().v1().customResourceDefinitions();
        CustomResourceDefinition created = freshCopy(client, yaml, "create", copies);
        try {
            crds.resource(created).create();
            Crds.awaitEstablished(client, created.getMetadata().getName());
        } catch (KubernetesClientException | AssertionError e) {
            refused.add("create " + files + ": " + message(e));
        }
        CustomResourceDefinition applied = freshCopy(client, yaml, "apply", copies);
        try {
            crds.resource(applied).serverSideApply();
            crds.resource(applied).serverSideApply();
            Crds.awaitEstablished(client, applied.getMetadata().getName());
        } catch (KubernetesClientException | AssertionError e) {
            refused.add("apply --server-side " + files + ": " + message(e));
        }
    }

    /** The CRD in a group of its own ({@code karpenter-sh.create.install-check.ebbflow.dev}), absent from the cluster. */
    private static CustomResourceDefinition freshCopy(KubernetesClient client, String yaml, String way,
                                                      List<CustomResourceDefinition> copies) {
        CustomResourceDefinition copy = CrdFiles.parse(yaml);
        String group = copy.getSpec().getGroup().replace('.', '-') + "." + way + "." + CHECK_GROUP;
        copy.getSpec().setGroup(group);
        copy.getMetadata().setName(copy.getSpec().getNames().getPlural() + "." + group);
        if (client.apiextensions().v1().customResourceDefinitions().withName(copy.getMetadata().getName()).get() != null) {
            CrdFiles.deleteAndAwaitGone(client, copy.getMetadata().getName()); // left by an interrupted run
        }
        copies.add(copy);
        return copy;
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
