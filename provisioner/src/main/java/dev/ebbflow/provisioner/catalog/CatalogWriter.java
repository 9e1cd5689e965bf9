package dev.ebbflow.provisioner.catalog;

import static dev.ebbflow.provisioner.catalog.CatalogFormat.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Writes instance types in the catalog file format that {@link CatalogReader} reads back unchanged. */
public final class CatalogWriter {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));

    private CatalogWriter() {
    }

    public static String write(List<InstanceType> instanceTypes) {
        ObjectNode root = YAML.createObjectNode();
        ArrayNode types = root.putArray(INSTANCE_TYPES);
        for (InstanceType t : instanceTypes) {
            ObjectNode n = types.addObject();
            n.put(NAME, t.name());
            n.put(ARCHITECTURE, t.architecture());
            ArrayNode oses = n.putArray(OPERATING_SYSTEMS);
            new TreeSet<>(t.operatingSystems()).forEach(oses::add);
            quantities(n.putObject(CAPACITY), t.capacity());
            if (!t.overhead().asMilliMap().isEmpty()) {
                quantities(n.putObject(OVERHEAD), t.overhead());
            }
            if (!t.labels().isEmpty()) {
                ObjectNode labels = n.putObject(LABELS);
                new java.util.TreeMap<>(t.labels()).forEach(labels::put);
            }
            if (!t.absentLabels().isEmpty()) {
                ArrayNode absent = n.putArray(ABSENT_LABELS);
                new TreeSet<>(t.absentLabels()).forEach(absent::add);
            }
            ArrayNode offerings = n.putArray(OFFERINGS);
            for (Offering o : t.offerings()) {
                ObjectNode on = offerings.addObject();
                on.put(ZONE, o.zone());
                on.put(CAPACITY_TYPE, o.capacityType());
                on.put(PRICE, o.pricePerHour());
                on.put(AVAILABLE, o.available());
                if (o.reservation() != null) {
                    ObjectNode r = on.putObject(RESERVATION);
                    r.put(RESERVATION_ID, o.reservation().id());
                    r.put(CAPACITY, o.reservation().capacity());
                    if (!o.reservation().labels().isEmpty()) {
                        ObjectNode labels = r.putObject(LABELS);
                        new java.util.TreeMap<>(o.reservation().labels()).forEach(labels::put);
                    }
                }
            }
        }
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("catalog could not be serialised", e);
        }
    }

    public static void write(List<InstanceType> instanceTypes, Path file) {
        try {
            Files.writeString(file, write(instanceTypes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write catalog " + file, e);
        }
    }

    private static void quantities(ObjectNode node, ResourceList resources) {
        for (Map.Entry<String, Long> e : resources.asMilliMap().entrySet()) {
            node.put(e.getKey(), isBytes(e.getKey()) ? binary(e.getValue()) : ResourceList.formatMilli(e.getValue()));
        }
    }

    private static boolean isBytes(String resource) {
        return resource.equals(ResourceList.MEMORY) || resource.equals(ResourceList.EPHEMERAL_STORAGE) || resource.startsWith("hugepages-");
    }

    /** Byte amounts in the largest binary unit that keeps them whole, as people write them (16Gi, 1565Mi). */
    static String binary(long milli) {
        if (milli % 1000 != 0) {
            return ResourceList.formatMilli(milli);
        }
        long bytes = milli / 1000;
        String[] units = {"Ti", "Gi", "Mi", "Ki"};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << (10 * (4 - i));
            if (bytes != 0 && bytes % unit == 0) {
                return (bytes / unit) + units[i];
            }
        }
        return Long.toString(bytes);
    }
}
