package dev.ebbflow.e2e.autoscaling;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Installs the KEDA CRDs of {@code crds/} ({@code *keda.sh*.yml}) on a real API server, as
 * {@code kubectl apply --server-side} would, and waits until they are established. They stay installed:
 * other test classes of the run share the cluster and may use them too.
 */
final class KedaCrds {

    private KedaCrds() {
    }

    static void install(KubernetesClient client) {
        List<CustomResourceDefinition> crds = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(RepositoryFiles.directory("crds"), "*keda.sh*.yml")) {
            for (Path file : files) {
                crds.add(client.getKubernetesSerialization().unmarshal(Files.readString(file), CustomResourceDefinition.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (crds.isEmpty()) {
            throw new IllegalStateException("no *keda.sh*.yml in " + RepositoryFiles.directory("crds"));
        }
        for (CustomResourceDefinition crd : crds) {
            client.apiextensions().v1().customResourceDefinitions().resource(crd).fieldManager("ebbflow-e2e").forceConflicts().serverSideApply();
        }
        for (CustomResourceDefinition crd : crds) {
            client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                    .waitUntilCondition(KedaCrds::established, Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static boolean established(CustomResourceDefinition crd) {
        return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
                && crd.getStatus().getConditions().stream().anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
