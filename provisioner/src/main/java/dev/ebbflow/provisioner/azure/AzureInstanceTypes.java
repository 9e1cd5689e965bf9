package dev.ebbflow.provisioner.azure;

import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Offering;
import dev.ebbflow.provisioner.catalog.ResourceList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Instance types from VM sizes and prices: the well-known {@code karpenter.azure.com/sku-*} labels
 * (and AKS's {@code kubernetes.azure.com/sku-cpu} and {@code sku-memory}, plus the node class's labels),
 * capacity and AKS's overhead for a node class's max pods and OS disk, and one offering per zone and
 * priced capacity type. Zones are named as AKS labels nodes ({@code westeurope-1}); a size with no
 * zone in the region is offered in zone {@code 0}, as AKS labels regional nodes.
 */
public final class AzureInstanceTypes {

    /** Nodes of AKS node auto-provisioning run Azure CNI overlay, whose default is 250 pods per node. */
    public static final int DEFAULT_MAX_PODS = 250;
    public static final String REGIONAL_ZONE = "0";

    /**
     * What of a node class (and the NodePool it serves) shapes its instance types: max pods and OS disk
     * size set capacity and overhead; {@code labels} are the selectable labels every type carries (AKS's
     * OS SKU, mode, cluster), {@code absentLabels} the selectable keys its nodes never carry.
     */
    public record Shape(int maxPods, int osDiskSizeGB, Map<String, String> labels, Set<String> absentLabels) {
        /** A node class with default settings, seen from no cluster (a catalog export): no AKS labels. */
        public static final Shape DEFAULT = new Shape(DEFAULT_MAX_PODS, 128, Map.of(), Set.of());

        public Shape {
            labels = Map.copyOf(labels);
            absentLabels = Set.copyOf(absentLabels);
        }
    }

    private AzureInstanceTypes() {
    }

    public static List<InstanceType> build(List<ResourceSku> skus, RetailPrices prices, String location, Shape shape) {
        List<InstanceType> types = new ArrayList<>();
        for (ResourceSku sku : skus) {
            RetailPrices.Prices price = prices.of(sku.name());
            if (price.onDemand().isEmpty()) {
                continue;
            }
            SkuName.parse(sku.name()).ifPresent(name -> types.add(instanceType(sku, name, price, location, shape)));
        }
        return types;
    }

    static InstanceType instanceType(ResourceSku sku, SkuName name, RetailPrices.Prices price, String location, Shape shape) {
        Map<String, Long> extended = sku.gpus() > 0 ? Map.of(AzureLabels.NVIDIA_GPU, (long) sku.gpus()) : Map.of();
        ResourceList capacity = AksAllocatable.capacity(sku.vCpus(), sku.memoryMiB(), shape.osDiskSizeGB(), shape.maxPods(), extended);
        Map<String, String> labels = new HashMap<>();
        Set<String> absent = new HashSet<>();
        labels.put(AzureLabels.SKU_NAME, sku.name());
        labels.put(AzureLabels.SKU_FAMILY, name.family());
        labels.put(AzureLabels.SKU_SERIES, name.series());
        labels.put(AzureLabels.SKU_VERSION, Integer.toString(name.version()));
        labels.put(AzureLabels.SKU_CPU, Integer.toString(sku.vCpus()));
        labels.put(AzureLabels.SKU_MEMORY, Long.toString(sku.memoryMiB()));
        labels.put(AzureLabels.AKS_SKU_CPU, Integer.toString(sku.vCpus()));
        labels.put(AzureLabels.AKS_SKU_MEMORY, Long.toString(sku.memoryMiB()));
        labels.put(AzureLabels.SKU_NETWORKING_ACCELERATED, Boolean.toString(sku.acceleratedNetworking()));
        labels.put(AzureLabels.SKU_STORAGE_PREMIUM_CAPABLE, Boolean.toString(sku.premiumIo()));
        labels.put(AzureLabels.SKU_STORAGE_EPHEMERAL_OS_MAX_SIZE, Long.toString(sku.ephemeralOsMaxBytes() / (1L << 30)));
        if (sku.gpus() > 0) {
            labels.put(AzureLabels.SKU_GPU_COUNT, Integer.toString(sku.gpus()));
            labels.put(AzureLabels.SKU_GPU_MANUFACTURER, "nvidia");
            name.accelerator().ifPresentOrElse(a -> labels.put(AzureLabels.SKU_GPU_NAME, a), () -> absent.add(AzureLabels.SKU_GPU_NAME));
        } else {
            absent.addAll(List.of(AzureLabels.SKU_GPU_NAME, AzureLabels.SKU_GPU_COUNT, AzureLabels.SKU_GPU_MANUFACTURER));
        }
        labels.putAll(shape.labels());
        absent.addAll(shape.absentLabels());
        List<Offering> offerings = new ArrayList<>();
        List<String> zones = sku.zones().isEmpty() ? List.of(REGIONAL_ZONE) : sku.zones().stream().map(z -> location + "-" + z).toList();
        for (String zone : zones) {
            offerings.add(new Offering(zone, Offering.ON_DEMAND, price.onDemand().get(), true));
            price.spot().ifPresent(p -> offerings.add(new Offering(zone, Offering.SPOT, p, true)));
        }
        return new InstanceType(sku.name(), capacity, AksAllocatable.overhead(capacity), sku.architecture(), Set.of("linux"),
                labels, absent, offerings);
    }

    /** The zone number ARM takes in a VM's {@code zones} for a zone label, or none for a regional VM. */
    public static List<String> armZones(String zone) {
        if (REGIONAL_ZONE.equals(zone)) {
            return List.of();
        }
        int dash = zone.lastIndexOf('-');
        return List.of(dash < 0 ? zone : zone.substring(dash + 1));
    }
}
