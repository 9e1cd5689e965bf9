package dev.ebbflow.crds.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.testkit.Eventually;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** The CRD files a user installs: {@code crds/} ({@code kubectl create|apply -f crds/}) and the chart's copy. */
final class CrdFiles {

    /** The repository's {@code crds/} folder, the working directory of this module's tests. */
    static final Path REPOSITORY = Path.of(".");
    static final Path CHART = Path.of("../deploy/helm/ebbflow/crds");
    private static final Duration SETTLE = Duration.ofSeconds(30);

    private CrdFiles() {
    }

    /** The files kubectl reads from a folder (it skips pom.xml and src/): *.yml, *.yaml, *.json. */
    static List<Path> in(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().matches(".*\\.(yml|yaml|json)$"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CustomResourceDefinition read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CustomResourceDefinition parse(String yaml) {
        return Serialization.unmarshal(yaml, CustomResourceDefinition.class);
    }

    static void deleteAndAwaitGone(KubernetesClient client, String name) {
        client.apiextensions().v1().customResourceDefinitions().withName(name).delete();
        Eventually.within(SETTLE, () -> assertThat(client.apiextensions().v1().customResourceDefinitions().withName(name).get())
                .as(name + " deleted").isNull());
    }
}
