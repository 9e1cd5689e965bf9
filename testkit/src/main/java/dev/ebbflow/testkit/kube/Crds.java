package dev.ebbflow.testkit.kube;

import dev.ebbflow.testkit.RepositoryFiles;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** CRDs on the real control plane, installed as a user does with {@code kubectl apply --server-side -f crds/}. */
public final class Crds {

    private Crds() {
    }

    /** Server-side applies every {@code .yml}/{@code .yaml} CRD of {@code dir} and waits until each is Established. */
    public static List<CustomResourceDefinition> applyAll(KubernetesClient client, Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<CustomResourceDefinition> crds = files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).sorted()
                    .map(f -> read(client, f)).toList();
            crds.forEach(crd -> client.apiextensions().v1().customResourceDefinitions().resource(crd).forceConflicts().serverSideApply());
            crds.forEach(crd -> awaitEstablished(client, crd.getMetadata().getName()));
            return crds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every CRD of the repository's {@code crds/}, as the README's Install does it; they stay installed for the run's other classes. */
    public static List<CustomResourceDefinition> applyRepositoryCrds(KubernetesClient client) {
        return applyAll(client, RepositoryFiles.directory("crds"));
    }

    public static void awaitEstablished(KubernetesClient client, String name) {
        client.apiextensions().v1().customResourceDefinitions().withName(name).waitUntilCondition(Crds::established, 30, TimeUnit.SECONDS);
    }

    public static boolean established(CustomResourceDefinition crd) {
        return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null && crd.getStatus().getConditions().stream()
                .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static CustomResourceDefinition read(KubernetesClient client, Path file) {
        try {
            return client.getKubernetesSerialization().unmarshal(Files.readString(file), CustomResourceDefinition.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
