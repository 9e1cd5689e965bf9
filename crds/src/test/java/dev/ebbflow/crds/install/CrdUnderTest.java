package dev.ebbflow.crds.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/** One committed CRD file of {@code crds/}: its kind, scope and every constraint of its served version's schema. */
record CrdUnderTest(String name, String group, String version, String kind, String plural, boolean namespaced, JsonNode schema) {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, CrdUnderTest> READ = new ConcurrentHashMap<>();

    static CrdUnderTest named(String name) {
        return READ.computeIfAbsent(name, CrdUnderTest::read);
    }

    private static CrdUnderTest read(String name) {
        Path file = CrdFiles.REPOSITORY.resolve(name + "-v1.yml");
        try {
            JsonNode crd = YAML.readTree(Files.readString(file));
            JsonNode spec = crd.get("spec");
            JsonNode version = spec.get("versions").get(0);
            return new CrdUnderTest(name, spec.get("group").asText(), version.get("name").asText(),
                    spec.at("/names/kind").asText(), spec.at("/names/plural").asText(),
                    "Namespaced".equals(spec.get("scope").asText()), version.at("/schema/openAPIV3Schema"));
        } catch (IOException e) {
            throw new UncheckedIOException(file + " cannot be read", e);
        }
    }

    String apiVersion() {
        return group + "/" + version;
    }

    ResourceDefinitionContext context() {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
                .withPlural(plural).withNamespaced(namespaced).build();
    }

    /** Every constraint of the schema, depth first, properties in the order the schema lists them. */
    List<Constraint> constraints() {
        List<Constraint> found = new ArrayList<>();
        walk(schema, (path, node) -> collect(node, path, found));
        return found;
    }

    /**
     * Visits every node of a schema with its path: properties dotted, {@code [*]} for list items and map values.
     */
    static void walk(JsonNode node, BiConsumer<String, JsonNode> visitor) {
        walk(node, "", visitor);
    }

    private static void walk(JsonNode node, String path, BiConsumer<String, JsonNode> visitor) {
        visitor.accept(path, node);
        for (Map.Entry<String, JsonNode> property : node.path("properties").properties()) {
            walk(property.getValue(), path.isEmpty() ? property.getKey() : path + "." + property.getKey(), visitor);
        }
        if (node.has("items")) {
            walk(node.get("items"), path + "[*]", visitor);
        }
        if (node.path("additionalProperties").isObject()) {
            walk(node.get("additionalProperties"), path + "[*]", visitor);
        }
    }

    private static void collect(JsonNode node, String path, List<Constraint> found) {
        for (String keyword : Constraint.KEYWORDS) {
            if (node.has(keyword)) {
                found.add(new Constraint(path, keyword, text(node.get(keyword)), null));
            }
        }
        for (JsonNode required : node.path("required")) {
            JsonNode fallback = node.at("/properties/" + required.asText() + "/default");
            found.add(new Constraint(path.isEmpty() ? required.asText() : path + "." + required.asText(), Constraint.REQUIRED, "",
                    fallback.isMissingNode() ? null : fallback));
        }
        for (JsonNode rule : node.path("x-kubernetes-validations")) {
            String message = rule.get("message").asText();
            found.add(rule.has("fieldPath")
                    ? new Constraint(path, Constraint.RULE, message, null, path.replace("[*]", "[0]") + rule.get("fieldPath").asText())
                    : new Constraint(path, Constraint.RULE, message, null));
        }
    }

    /** A keyword's value as the API server prints it: integral bounds without a fraction. */
    private static String text(JsonNode value) {
        if (value.isNumber() && value.asDouble() == Math.rint(value.asDouble())) {
            return String.valueOf(value.asLong());
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    @Override
    public String toString() {
        return name;
    }
}
