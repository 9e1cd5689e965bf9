package dev.ebbflow.crds.keda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parses a manifest into the model, writes it back, and compares the two as flat maps of leaf
 * paths ({@code spec.triggers[0].metadata.queueName}) to values, so a lost or added field shows
 * up by its path.
 */
final class ManifestRoundTrip {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ManifestRoundTrip() {
    }

    static <T> T parse(String yaml, Class<T> type) {
        return Serialization.unmarshal(yaml, type);
    }

    static String write(Object resource) {
        return Serialization.asYaml(resource);
    }

    /** Leaf paths and values of a YAML or JSON document; empty objects and lists count as leaves. */
    static Map<String, String> leaves(String yaml) {
        try {
            Map<String, String> out = new TreeMap<>();
            collect("", YAML.readTree(yaml), out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The leaves the model wrote that the manifest did not have. */
    static Map<String, String> added(String manifest, String written) {
        Map<String, String> added = new TreeMap<>(leaves(written));
        leaves(manifest).keySet().forEach(added::remove);
        return added;
    }

    private static void collect(String path, JsonNode node, Map<String, String> out) {
        if (node.isObject() && !node.isEmpty()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                collect(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), out);
            }
        } else if (node.isArray() && !node.isEmpty()) {
            for (int i = 0; i < node.size(); i++) {
                collect(path + "[" + i + "]", node.get(i), out);
            }
        } else {
            // toString keeps the JSON type: "5" and 5 are different values.
            out.put(path, node.toString());
        }
    }
}
