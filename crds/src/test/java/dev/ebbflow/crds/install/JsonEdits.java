package dev.ebbflow.crds.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Edits of a case table applied to an object: {@code path: value} sets (creating what is missing),
 * {@code path: null} removes. A path is dotted, with {@code [n]} for a list item ({@code n} = size appends)
 * and {@code [key]} for a map key holding dots or slashes: {@code spec.template.metadata.labels[example.com/a]}.
 *
 * <p>Values may be generated, so that a table can state a bound without spelling it out:
 * {@code "example.com/${a*304}"} repeats a character; {@code {$times: 101, item: {...}}} makes a list and
 * {@code {$entries: 101, key: "example.com/k${i}", value: v}} a map, {@code ${i}} being the index.
 */
final class JsonEdits {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern REPEAT = Pattern.compile("\\$\\{(.)\\*(\\d+)}");
    private static final Pattern SEGMENT = Pattern.compile("([^.\\[]+)|\\[([^]]+)]");

    private JsonEdits() {
    }

    /** A copy of {@code object} with the edits applied in their order. */
    static ObjectNode apply(ObjectNode object, JsonNode edits) {
        ObjectNode copy = object.deepCopy();
        if (edits != null) {
            for (Map.Entry<String, JsonNode> edit : edits.properties()) {
                JsonNode value = edit.getValue();
                if (value == null || value.isNull()) {
                    remove(copy, segments(edit.getKey()));
                } else {
                    set(copy, segments(edit.getKey()), expand(value, -1));
                }
            }
        }
        return copy;
    }

    /** The node at {@code path}, or a missing node. */
    static JsonNode at(JsonNode object, String path) {
        JsonNode node = object;
        for (String segment : segments(path)) {
            node = isIndex(segment) ? node.path(Integer.parseInt(segment)) : node.path(segment);
        }
        return node;
    }

    static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        Matcher m = SEGMENT.matcher(path);
        while (m.find()) {
            segments.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return segments;
    }

    private static boolean isIndex(String segment) {
        return segment.chars().allMatch(Character::isDigit);
    }

    private static void set(JsonNode root, List<String> path, JsonNode value) {
        JsonNode parent = root;
        for (int i = 0; i < path.size() - 1; i++) {
            parent = child(parent, path.get(i), isIndex(path.get(i + 1)));
        }
        String last = path.get(path.size() - 1);
        if (parent instanceof ArrayNode list) {
            int index = Integer.parseInt(last);
            if (index == list.size()) {
                list.add(value);
            } else {
                list.set(index, value);
            }
        } else {
            ((ObjectNode) parent).set(last, value);
        }
    }

    private static JsonNode child(JsonNode parent, String segment, boolean list) {
        if (parent instanceof ArrayNode array) {
            int index = Integer.parseInt(segment);
            if (index == array.size()) {
                array.add(list ? NODES.arrayNode() : NODES.objectNode());
            }
            return array.get(index);
        }
        ObjectNode object = (ObjectNode) parent;
        if (!object.has(segment) || object.get(segment).isNull()) {
            object.set(segment, list ? NODES.arrayNode() : NODES.objectNode());
        }
        return object.get(segment);
    }

    private static void remove(JsonNode root, List<String> path) {
        JsonNode parent = root;
        for (String segment : path.subList(0, path.size() - 1)) {
            parent = isIndex(segment) ? parent.path(Integer.parseInt(segment)) : parent.path(segment);
        }
        String last = path.get(path.size() - 1);
        if (parent instanceof ArrayNode list) {
            list.remove(Integer.parseInt(last));
        } else if (parent instanceof ObjectNode object) {
            object.remove(last);
        }
    }

    private static JsonNode expand(JsonNode value, int index) {
        if (value.isTextual()) {
            return new TextNode(expand(value.asText(), index));
        }
        if (value.has("$times")) {
            ArrayNode list = NODES.arrayNode();
            for (int i = 0; i < value.get("$times").asInt(); i++) {
                list.add(expand(value.get("item"), i));
            }
            return list;
        }
        if (value.has("$entries")) {
            ObjectNode map = NODES.objectNode();
            for (int i = 0; i < value.get("$entries").asInt(); i++) {
                map.set(expand(value.get("key").asText(), i), expand(value.get("value"), i));
            }
            return map;
        }
        if (value.isObject()) {
            ObjectNode object = NODES.objectNode();
            value.properties().forEach(e -> object.set(e.getKey(), expand(e.getValue(), index)));
            return object;
        }
        if (value.isArray()) {
            ArrayNode array = NODES.arrayNode();
            value.forEach(item -> array.add(expand(item, index)));
            return array;
        }
        return value;
    }

    private static String expand(String text, int index) {
        Matcher m = REPEAT.matcher(index < 0 ? text : text.replace("${i}", String.valueOf(index)));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1).repeat(Integer.parseInt(m.group(2)))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
