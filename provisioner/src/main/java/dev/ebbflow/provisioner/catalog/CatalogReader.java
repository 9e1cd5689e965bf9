package dev.ebbflow.provisioner.catalog;

import static dev.ebbflow.provisioner.catalog.CatalogFormat.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the one catalog file format (see {@link CatalogFormat}) into instance types, rejecting
 * anything it does not understand with an error that names the file and the field.
 */
public final class CatalogReader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private CatalogReader() {
    }

    public static List<InstanceType> read(Path file) throws CatalogFormatException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new CatalogFormatException(file.toString(), "", "cannot read: " + e.getMessage());
        }
        return read(file.toString(), text);
    }

    /**
     * @param source how errors name where the text came from (a file path, {@code configmap ns/name key})
     */
    public static List<InstanceType> read(String source, String yaml) throws CatalogFormatException {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new CatalogFormatException(source, "", "not valid YAML: " + e.getOriginalMessage());
        }
        return new Parse(source).catalog(root);
    }

    /** One pass over one document; holds the source name for the errors. */
    private static final class Parse {
        private final String source;

        Parse(String source) {
            this.source = source;
        }

        List<InstanceType> catalog(JsonNode root) throws CatalogFormatException {
            if (root == null || root.isMissingNode() || root.isNull()) {
                throw error("", "empty catalog: expected a mapping with '" + INSTANCE_TYPES + "'");
            }
            object(root, "", TOP_LEVEL_FIELDS);
            JsonNode types = root.get(INSTANCE_TYPES);
            if (types == null || !types.isArray()) {
                throw error(INSTANCE_TYPES, "required: a list of instance types");
            }
            List<InstanceType> result = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (int i = 0; i < types.size(); i++) {
                String path = INSTANCE_TYPES + "[" + i + "]";
                InstanceType type = instanceType(types.get(i), path);
                if (!names.add(type.name())) {
                    throw error(path + "." + NAME, "duplicate instance type '" + type.name() + "'");
                }
                result.add(type);
            }
            return List.copyOf(result);
        }

        InstanceType instanceType(JsonNode node, String path) throws CatalogFormatException {
            object(node, path, INSTANCE_TYPE_FIELDS);
            String name = requiredText(node, path, NAME);
            String arch = requiredText(node, path, ARCHITECTURE);
            Set<String> oses = node.has(OPERATING_SYSTEMS)
                    ? new LinkedHashSet<>(textList(node.get(OPERATING_SYSTEMS), path + "." + OPERATING_SYSTEMS, false))
                    : Set.of(DEFAULT_OS);
            ResourceList capacity = resources(node.get(CAPACITY), path + "." + CAPACITY, true);
            for (String r : List.of(ResourceList.CPU, ResourceList.MEMORY)) {
                if (capacity.milli(r) <= 0) {
                    throw error(path + "." + CAPACITY + "." + r, "required: a positive quantity");
                }
            }
            ResourceList overhead = overhead(node, path, capacity);
            Map<String, String> labels = labels(node.get(LABELS), path + "." + LABELS);
            Set<String> absent = node.has(ABSENT_LABELS)
                    ? new LinkedHashSet<>(textList(node.get(ABSENT_LABELS), path + "." + ABSENT_LABELS, true))
                    : Set.of();
            for (String key : absent) {
                if (labels.containsKey(key)) {
                    throw error(path + "." + ABSENT_LABELS, "'" + key + "' is also set in labels");
                }
            }
            JsonNode offerings = node.get(OFFERINGS);
            if (offerings == null || !offerings.isArray() || offerings.isEmpty()) {
                throw error(path + "." + OFFERINGS, "required: a non-empty list of offerings");
            }
            List<Offering> list = new ArrayList<>();
            for (int j = 0; j < offerings.size(); j++) {
                list.add(offering(offerings.get(j), path + "." + OFFERINGS + "[" + j + "]"));
            }
            return new InstanceType(name, capacity, overhead, arch, oses, labels, absent, list);
        }

        ResourceList overhead(JsonNode node, String path, ResourceList capacity) throws CatalogFormatException {
            if (node.has(OVERHEAD) && node.has(ALLOCATABLE)) {
                throw error(path + "." + ALLOCATABLE, "give either overhead or allocatable, not both");
            }
            if (node.has(ALLOCATABLE)) {
                ResourceList allocatable = resources(node.get(ALLOCATABLE), path + "." + ALLOCATABLE, false);
                for (Map.Entry<String, Long> e : allocatable.asMilliMap().entrySet()) {
                    if (e.getValue() > capacity.milli(e.getKey())) {
                        throw error(path + "." + ALLOCATABLE + "." + e.getKey(), "larger than the capacity");
                    }
                }
                // Resources the allocatable list leaves out are fully allocatable.
                Map<String, Long> overhead = new LinkedHashMap<>();
                capacity.asMilliMap().forEach((k, v) -> overhead.put(k, allocatable.asMilliMap().containsKey(k) ? v - allocatable.milli(k) : 0));
                return ResourceList.ofMilli(overhead);
            }
            if (node.has(OVERHEAD)) {
                ResourceList overhead = resources(node.get(OVERHEAD), path + "." + OVERHEAD, false);
                for (Map.Entry<String, Long> e : overhead.asMilliMap().entrySet()) {
                    if (e.getValue() > capacity.milli(e.getKey())) {
                        throw error(path + "." + OVERHEAD + "." + e.getKey(), "larger than the capacity");
                    }
                }
                return overhead;
            }
            return ResourceList.EMPTY;
        }

        Offering offering(JsonNode node, String path) throws CatalogFormatException {
            object(node, path, OFFERING_FIELDS);
            String zone = requiredText(node, path, ZONE);
            String capacityType = requiredText(node, path, CAPACITY_TYPE);
            if (!CAPACITY_TYPES.contains(capacityType)) {
                throw error(path + "." + CAPACITY_TYPE, "must be one of " + new TreeSet<>(CAPACITY_TYPES) + ", not '" + capacityType + "'");
            }
            JsonNode price = node.get(PRICE);
            if (price == null || !price.isNumber() || price.asDouble() < 0 || !Double.isFinite(price.asDouble())) {
                throw error(path + "." + PRICE, "required: a number >= 0 (price per hour)");
            }
            boolean available = true;
            JsonNode a = node.get(AVAILABLE);
            if (a != null) {
                if (!a.isBoolean()) {
                    throw error(path + "." + AVAILABLE, "must be true or false");
                }
                available = a.asBoolean();
            }
            Reservation reservation = null;
            if (node.has(RESERVATION)) {
                if (!Offering.RESERVED.equals(capacityType)) {
                    throw error(path + "." + RESERVATION, "only an offering of capacityType " + Offering.RESERVED + " draws on a reservation, not one of '"
                            + capacityType + "'");
                }
                reservation = reservation(node.get(RESERVATION), path + "." + RESERVATION);
            }
            return new Offering(zone, capacityType, price.asDouble(), available, reservation);
        }

        Reservation reservation(JsonNode node, String path) throws CatalogFormatException {
            object(node, path, RESERVATION_FIELDS);
            String id = requiredText(node, path, RESERVATION_ID);
            JsonNode capacity = node.get(CAPACITY);
            if (capacity == null || !capacity.canConvertToInt() || !capacity.isIntegralNumber() || capacity.asInt() < 0) {
                throw error(path + "." + CAPACITY, "required: a whole number >= 0 (instances the reservation can still start)");
            }
            Map<String, String> labels = labels(node.get(LABELS), path + "." + LABELS);
            return new Reservation(id, capacity.asInt(), labels);
        }

        ResourceList resources(JsonNode node, String path, boolean required) throws CatalogFormatException {
            if (node == null) {
                if (required) {
                    throw error(path, "required: a map of resource quantities");
                }
                return ResourceList.EMPTY;
            }
            if (!node.isObject()) {
                throw error(path, "must be a map of resource quantities");
            }
            Map<String, Long> milli = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String field = path + "." + e.getKey();
                if (!e.getValue().isValueNode() || e.getValue().isNull() || e.getValue().isBoolean()) {
                    throw error(field, "must be a quantity such as 4, 500m or 16Gi");
                }
                long value;
                try {
                    value = ResourceList.parseMilli(e.getValue().asText());
                } catch (IllegalArgumentException | ArithmeticException ex) {
                    throw error(field, "must be a quantity such as 4, 500m or 16Gi, not '" + e.getValue().asText() + "'");
                }
                if (value < 0) {
                    throw error(field, "must not be negative");
                }
                milli.put(e.getKey(), value);
            }
            return ResourceList.ofMilli(milli);
        }

        Map<String, String> labels(JsonNode node, String path) throws CatalogFormatException {
            if (node == null) {
                return Map.of();
            }
            if (!node.isObject()) {
                throw error(path, "must be a map of label keys to single values");
            }
            Map<String, String> labels = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String field = path + "." + e.getKey();
                if (DERIVED_LABELS.contains(e.getKey())) {
                    throw error(field, "cannot be set here: it comes from the instance type's other fields");
                }
                if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                    throw error(field, "must be a single value; list absent labels under " + ABSENT_LABELS);
                }
                labels.put(e.getKey(), e.getValue().asText());
            }
            return labels;
        }

        List<String> textList(JsonNode node, String path, boolean mayBeEmpty) throws CatalogFormatException {
            if (!node.isArray() || (!mayBeEmpty && node.isEmpty())) {
                throw error(path, mayBeEmpty ? "must be a list of strings" : "must be a non-empty list of strings");
            }
            List<String> values = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                JsonNode v = node.get(i);
                if (!v.isTextual() || v.asText().isBlank()) {
                    throw error(path + "[" + i + "]", "must be a non-empty string");
                }
                values.add(v.asText());
            }
            return values;
        }

        String requiredText(JsonNode node, String path, String field) throws CatalogFormatException {
            JsonNode v = node.get(field);
            if (v == null || !v.isValueNode() || v.isNull() || v.asText().isBlank()) {
                throw error(path + "." + field, "required: a non-empty string");
            }
            return v.asText();
        }

        void object(JsonNode node, String path, Set<String> allowed) throws CatalogFormatException {
            if (node == null || !node.isObject()) {
                throw error(path, "must be a mapping");
            }
            for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
                String f = it.next();
                if (!allowed.contains(f)) {
                    throw error(path.isEmpty() ? f : path + "." + f, "unknown field (expected one of " + new TreeSet<>(allowed) + ")");
                }
            }
        }

        CatalogFormatException error(String path, String problem) {
            return new CatalogFormatException(source, path, problem);
        }
    }
}
