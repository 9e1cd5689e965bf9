package dev.ebbflow.operator.examples;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The manifests under examples/ that a user applies with kubectl, grouped by example folder. The
 * simulator's scenarios (examples/simulations/) are another format and are left out.
 */
final class ExampleManifests {

    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private ExampleManifests() {
    }

    /** Every *.yaml / *.yml file under {@code examplesDir}, except the simulations. */
    static List<Path> files(Path examplesDir) {
        Path simulations = examplesDir.resolve("simulations");
        try (Stream<Path> walk = Files.walk(examplesDir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !p.startsWith(simulations))
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The objects of each example, keyed by the folder that holds its files. */
    static Map<Path, List<GenericKubernetesResource>> byExample(Path examplesDir) {
        Map<Path, List<GenericKubernetesResource>> examples = new TreeMap<>();
        for (Path file : files(examplesDir)) {
            examples.computeIfAbsent(file.getParent(), k -> new java.util.ArrayList<>()).addAll(parse(file));
        }
        return examples;
    }

    static List<GenericKubernetesResource> parse(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<GenericKubernetesResource> parse(String multiDocumentYaml) {
        return DOCUMENT_SEPARATOR.splitAsStream(multiDocumentYaml)
                .filter(doc -> doc.lines().map(String::strip).anyMatch(l -> !l.isEmpty() && !l.startsWith("#")))
                .map(doc -> SERIALIZATION.unmarshal(doc, GenericKubernetesResource.class))
                .toList();
    }
}
