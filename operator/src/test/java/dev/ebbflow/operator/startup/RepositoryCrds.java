package dev.ebbflow.operator.startup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.testkit.Eventually;
import dev.ebbflow.testkit.RepositoryFiles;
import dev.ebbflow.testkit.kube.Crds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The CRDs of the repository's {@code crds/} folder on a real API server, as {@code kubectl apply -f crds/<name>-v1.yml} installs them. */
public final class RepositoryCrds {

    /** The KEDA CRDs, which the ScaledObject and ScaledJob controllers need. */
    public static final List<String> KEDA = List.of("scaledobjects.keda.sh", "scaledjobs.keda.sh", "triggerauthentications.keda.sh",
            "clustertriggerauthentications.keda.sh");

    private RepositoryCrds() {
    }

    /** Creates the CRD from {@code crds/<name>-v1.yml} unless it exists, and waits until it is Established. */
    public static void ensureInstalled(KubernetesClient client, String name) {
        if (client.apiextensions().v1().customResourceDefinitions().withName(name).get() == null) {
            try (InputStream in = Files.newInputStream(file(name))) {
                client.apiextensions().v1().customResourceDefinitions().load(in).create();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Crds.awaitEstablished(client, name);
    }

    /**
     * Deletes the CRD (and so every object of its kind) and waits until it is gone. Objects still holding
     * a finalizer of an operator no longer running would keep the CRD terminating forever: theirs go first.
     */
    public static void uninstall(KubernetesClient client, String name) {
        CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().withName(name).get();
        if (crd == null) {
            return;
        }
        String apiVersion = crd.getSpec().getGroup() + "/" + crd.getSpec().getVersions().get(0).getName();
        releaseFinalizers(client, apiVersion, crd.getSpec().getNames().getKind(), null);
        client.apiextensions().v1().customResourceDefinitions().withName(name).delete();
        Eventually.within(Duration.ofSeconds(60), () ->
                assertThat(client.apiextensions().v1().customResourceDefinitions().withName(name).get()).as(name + " deleted").isNull());
    }

    /**
     * Removes every finalizer from the objects of a kind (in {@code namespace}, or everywhere when null), as
     * a test's cleanup must once no operator runs to release them, or its namespace never goes away.
     */
    public static void releaseFinalizers(KubernetesClient client, String apiVersion, String kind, String namespace) {
        var resources = client.genericKubernetesResources(apiVersion, kind);
        var items = namespace == null ? resources.inAnyNamespace().list().getItems() : resources.inNamespace(namespace).list().getItems();
        for (GenericKubernetesResource r : items) {
            if (r.getMetadata().getFinalizers() != null && !r.getMetadata().getFinalizers().isEmpty()) {
                resources.inNamespace(r.getMetadata().getNamespace()).withName(r.getMetadata().getName())
                        .edit(o -> {
                            o.getMetadata().setFinalizers(List.of());
                            return o;
                        });
            }
        }
    }

    static Path file(String name) {
        return RepositoryFiles.directory("crds").resolve(name + "-v1.yml");
    }
}
