package dev.ebbflow.operator.helm;

import dev.ebbflow.testkit.RepositoryFiles;
import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The Ebbflow chart rendered by Helm (in-process, through helm-java) and parsed into objects. */
final class RenderedChart {

    static final Path CHART = RepositoryFiles.directory("deploy/helm/ebbflow");
    static final String RELEASE = "ebbflow";
    static final String NAMESPACE = "ebbflow-system";

    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final List<GenericKubernetesResource> objects;

    private RenderedChart(List<GenericKubernetesResource> objects) {
        this.objects = objects;
    }

    private static volatile RenderedChart defaults;

    /** The default rendering, made once: most tests only read it. */
    static RenderedChart defaults() {
        RenderedChart chart = defaults;
        if (chart == null) {
            chart = withDefaults();
            defaults = chart;
        }
        return chart;
    }

    /** A fresh default rendering (with its own generated certificate). */
    static RenderedChart withDefaults() {
        return with(Map.of());
    }

    /** Renders with {@code overrides} as a values file, so nested maps and lists keep their types. */
    static RenderedChart with(Map<String, Object> overrides) {
        return new RenderedChart(parse(template(overrides)));
    }

    /** Renders raw YAML: what {@code helm template} prints. */
    static String template(Map<String, Object> overrides) {
        Path values = writeValues(overrides);
        try {
            return new Helm(CHART).template()
                    .withName(RELEASE)
                    .withNamespace(NAMESPACE)
                    .withValuesFile(values)
                    .call();
        } finally {
            deleteQuietly(values);
        }
    }

    static List<GenericKubernetesResource> parse(String multiDocumentYaml) {
        return DOCUMENT_SEPARATOR.splitAsStream(multiDocumentYaml)
                .filter(RenderedChart::hasContent)
                .map(doc -> SERIALIZATION.unmarshal(doc, GenericKubernetesResource.class))
                .toList();
    }

    /** This rendering plus more objects: lets a test prove that a check can fail. */
    RenderedChart plus(String multiDocumentYaml) {
        List<GenericKubernetesResource> more = new java.util.ArrayList<>(objects);
        more.addAll(parse(multiDocumentYaml));
        return new RenderedChart(List.copyOf(more));
    }

    List<GenericKubernetesResource> all() {
        return objects;
    }

    List<GenericKubernetesResource> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.getKind())).toList();
    }

    Optional<GenericKubernetesResource> find(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
    }

    GenericKubernetesResource get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(
                "the chart renders no " + kind + " named " + name + "; it renders " + summary()));
    }

    /** The single object of a kind, converted to fabric8's typed model. */
    <T> T only(String kind, Class<T> type) {
        List<GenericKubernetesResource> found = ofKind(kind);
        if (found.size() != 1) {
            throw new AssertionError("expected exactly one " + kind + ", found " + found.size());
        }
        return as(found.get(0), type);
    }

    <T> T get(String kind, String name, Class<T> type) {
        return as(get(kind, name), type);
    }

    static <T> T as(GenericKubernetesResource object, Class<T> type) {
        return SERIALIZATION.convertValue(object, type);
    }

    private String summary() {
        return objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList().toString();
    }

    private static boolean hasContent(String document) {
        return document.lines().map(String::strip).anyMatch(l -> !l.isEmpty() && !l.startsWith("#"));
    }

    private static Path writeValues(Map<String, Object> overrides) {
        try {
            Path file = Files.createTempFile("ebbflow-values-", ".yaml");
            Files.writeString(file, SERIALIZATION.asYaml(overrides));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A leftover temp file is harmless.
        }
    }
}
