package dev.ebbflow.crds.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebbflow.testkit.kube.ControlPlane;
import dev.ebbflow.testkit.kube.Crds;
import dev.ebbflow.testkit.kube.RealControlPlane;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The manifests a user applies from {@code examples/} (and Karpenter's documented NodePool and NodeClaim
 * examples this module keeps) are accepted by the real API server with the CRDs of {@code crds/}: the
 * bounds and rules added for the API server's cost budget refuse none of them. Server-side dry runs, each
 * namespaced object in a namespace of this test.
 */
@ExtendWith(RealControlPlane.class)
class ExampleManifestsOnRealApiServerTest {

    private static final List<Path> FOLDERS = List.of(Path.of("../examples"), Path.of("src/test/resources/karpenter"));

    @Test
    void everyExampleManifestIsAccepted(ControlPlane cp) {
        List<String> refused = new ArrayList<>();
        int sent = 0;
        try (KubernetesClient client = cp.newClient()) {
            Crds.applyRepositoryCrds(client);
            String namespace = cp.createNamespace(client, "examples");
            try {
                for (Path file : manifestFiles()) {
                    for (GenericKubernetesResource object : objects(client, file)) {
                        try {
                            client.resource(object).inNamespace(namespace).dryRun().create();
                        } catch (KubernetesClientException e) {
                            refused.add(file + " " + object.getKind() + "/" + object.getMetadata().getName() + ": " + e.getMessage());
                        }
                        sent++;
                    }
                }
            } finally {
                client.namespaces().withName(namespace).delete();
            }
        }
        assertThat(sent).as("manifests sent").isGreaterThan(20);
        assertThat(refused).as("example manifests the API server refused").isEmpty();
    }

    private static List<Path> manifestFiles() {
        List<Path> files = new ArrayList<>();
        for (Path folder : FOLDERS) {
            try (Stream<Path> walk = Files.walk(folder)) {
                walk.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    /** The Kubernetes objects of a file; other YAML (simulation scenarios) holds none. */
    private static List<GenericKubernetesResource> objects(KubernetesClient client, Path file) {
        List<GenericKubernetesResource> objects = new ArrayList<>();
        try (var docs = CrdUnderTest.YAML.readerFor(JsonNode.class).<JsonNode>readValues(Files.readString(file))) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && doc.has("apiVersion") && doc.has("kind") && doc.has("metadata")) {
                    GenericKubernetesResource object = client.getKubernetesSerialization().convertValue(doc, GenericKubernetesResource.class);
                    object.getMetadata().setNamespace(null);
                    objects.add(object);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + " cannot be read", e);
        }
        return objects;
    }
}
