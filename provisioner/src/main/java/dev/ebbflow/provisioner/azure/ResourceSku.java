package dev.ebbflow.provisioner.azure;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One VM size of the Resource SKUs API as the catalog needs it: capabilities, and the zones of the
 * region where this subscription may launch it (restrictions removed).
 *
 * @param zones the region's zone numbers ({@code 1}, {@code 2}, {@code 3}) it may use; empty when
 *     the region has no zones for it (a regional VM)
 */
public record ResourceSku(String name, int vCpus, long memoryMiB, String architecture, Set<String> zones, int gpus,
                          boolean acceleratedNetworking, boolean premiumIo, boolean hyperVGen2, long ephemeralOsMaxBytes) {

    /**
     * The VM sizes of one region in a Resource SKUs answer ({@code value} of one page): sizes restricted
     * for the whole region, and those without Hyper-V generation 2 (the AKS node images are generation 2),
     * are left out.
     */
    public static List<ResourceSku> virtualMachines(JsonNode page, String location) {
        List<ResourceSku> skus = new ArrayList<>();
        for (JsonNode sku : page.path("value")) {
            if (!"virtualMachines".equals(sku.path("resourceType").asText()) || !inLocation(sku, location)) {
                continue;
            }
            of(sku, location).ifPresent(skus::add);
        }
        return skus;
    }

    private static boolean inLocation(JsonNode sku, String location) {
        for (JsonNode l : sku.path("locations")) {
            if (l.asText().equalsIgnoreCase(location)) {
                return true;
            }
        }
        return false;
    }

    static Optional<ResourceSku> of(JsonNode sku, String location) {
        Map<String, String> caps = new HashMap<>();
        sku.path("capabilities").forEach(c -> caps.put(c.path("name").asText(), c.path("value").asText()));
        if (!caps.containsKey("vCPUs") || !caps.containsKey("MemoryGB")) {
            return Optional.empty();
        }
        if (!caps.getOrDefault("HyperVGenerations", "V1").contains("V2")) {
            return Optional.empty();
        }
        Set<String> zones = new TreeSet<>();
        for (JsonNode info : sku.path("locationInfo")) {
            if (info.path("location").asText().equalsIgnoreCase(location)) {
                info.path("zones").forEach(z -> zones.add(z.asText()));
            }
        }
        for (JsonNode r : sku.path("restrictions")) {
            String type = r.path("type").asText();
            if ("Location".equals(type)) {
                return Optional.empty();
            }
            if ("Zone".equals(type)) {
                r.path("restrictionInfo").path("zones").forEach(z -> zones.remove(z.asText()));
            }
        }
        String arch = "Arm64".equalsIgnoreCase(caps.getOrDefault("CpuArchitectureType", "x64")) ? "arm64" : "amd64";
        long memoryMiB = Math.round(Double.parseDouble(caps.get("MemoryGB")) * 1024);
        long ephemeral = Math.max(parseLong(caps.get("CachedDiskBytes")), parseLong(caps.get("MaxResourceVolumeMB")) * (1L << 20));
        return Optional.of(new ResourceSku(sku.path("name").asText(), Integer.parseInt(caps.get("vCPUs")), memoryMiB, arch, zones,
                (int) parseLong(caps.get("GPUs")), bool(caps.get("AcceleratedNetworkingEnabled")), bool(caps.get("PremiumIO")), true, ephemeral));
    }

    private static long parseLong(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean bool(String text) {
        return text != null && text.toLowerCase(Locale.ROOT).equals("true");
    }
}
