package dev.ebbflow.operator.simulate.scenario;

import com.fasterxml.jackson.databind.AnnotationIntrospector;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a field that a document sets but its model class does not declare, as the API server's
 * strict field validation ({@code kubectl apply --validate=strict}) does. Jackson's own
 * {@code FAIL_ON_UNKNOWN_PROPERTIES} cannot: the Kubernetes model classes keep unknown fields in an
 * any-setter and many of ours ignore them on purpose, so the model's declared properties are walked
 * here instead. Values whose class reads itself (a custom deserializer: quantities, int-or-string),
 * untyped values ({@code Object}, {@code JsonNode}) and map keys are free-form and not checked.
 */
public final class KnownFields {

    /** A field the model does not know, with the fields it does know at that place. */
    public record Unknown(String path, String name, java.util.Set<String> known) {

        public String problem() {
            return "unknown field '" + name + "'"
                    + ClosestName.to(name, known).map(s -> "; did you mean '" + s + "'?")
                            .orElse(known.isEmpty() ? "" : "; known fields here: " + String.join(", ", known.stream().sorted().toList()));
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private KnownFields() {
    }

    /** The first field of {@code node}, depth first in document order, that {@code type} does not declare. */
    public static Optional<Unknown> firstUnknown(JsonNode node, Class<?> type) {
        return walk(node, MAPPER.constructType(type), "");
    }

    private static Optional<Unknown> walk(JsonNode node, JavaType type, String path) {
        if (node == null || !node.isContainerNode() || readsItself(type)) {
            return Optional.empty();
        }
        if (type.isCollectionLikeType() || type.isArrayType()) {
            if (!node.isArray()) {
                return Optional.empty();
            }
            for (int i = 0; i < node.size(); i++) {
                Optional<Unknown> found = walk(node.get(i), type.getContentType(), path + "[" + i + "]");
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }
        if (!node.isObject()) {
            return Optional.empty();
        }
        if (type.isMapLikeType()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                Optional<Unknown> found = walk(e.getValue(), type.getContentType(), join(path, e.getKey()));
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }
        Map<String, JavaType> properties = properties(type);
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JavaType propertyType = properties.get(e.getKey());
            if (propertyType == null) {
                return Optional.of(new Unknown(join(path, e.getKey()), e.getKey(), properties.keySet()));
            }
            Optional<Unknown> found = walk(e.getValue(), propertyType, join(path, e.getKey()));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The properties Jackson would deserialize into {@code type}, by JSON name, with their declared types. */
    private static Map<String, JavaType> properties(JavaType type) {
        DeserializationConfig config = MAPPER.getDeserializationConfig();
        BeanDescription bean = config.introspect(type);
        AnnotationIntrospector annotations = config.getAnnotationIntrospector();
        Map<String, JavaType> out = new LinkedHashMap<>();
        for (BeanPropertyDefinition p : bean.findProperties()) {
            if (!p.couldDeserialize()) {
                continue;
            }
            // A property read by its own deserializer is free-form below this point.
            JavaType t = hasCustomDeserializer(annotations, p.getPrimaryMember()) ? MAPPER.constructType(Object.class) : p.getPrimaryType();
            out.put(p.getName(), t);
            for (var alias : Optional.ofNullable(p.findAliases()).orElse(java.util.List.of())) {
                out.put(alias.getSimpleName(), t);
            }
        }
        return out;
    }

    private static boolean readsItself(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (raw == Object.class || JsonNode.class.isAssignableFrom(raw) || raw.isInterface() && !type.isContainerType()) {
            return true;
        }
        if (type.isContainerType()) {
            return false;
        }
        DeserializationConfig config = MAPPER.getDeserializationConfig();
        return hasCustomDeserializer(config.getAnnotationIntrospector(), config.introspectClassAnnotations(type).getClassInfo());
    }

    private static boolean hasCustomDeserializer(AnnotationIntrospector annotations, Annotated member) {
        if (member == null) {
            return false;
        }
        Object deserializer = annotations.findDeserializer(member);
        return deserializer != null && deserializer != JsonDeserializer.None.class;
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
