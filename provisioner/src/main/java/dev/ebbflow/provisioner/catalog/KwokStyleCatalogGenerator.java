package dev.ebbflow.provisioner.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Generates a cloud-neutral catalog shaped like Karpenter's KWOK provider: families {@code c}, {@code s}
 * and {@code m} at 2, 4 and 8 GiB per vCPU, sizes from 1 to 256 vCPU, amd64 and arm64, on-demand and
 * spot in four zones. Type names read {@code <family>-<size>x-<arch>-<os>}. Prices scale with vCPU and
 * memory (arm64 cheaper, as with the clouds' own ARM parts); spot is 30-45% of on-demand, varying by
 * zone so that zones are not interchangeable. Overhead follows the kube-reserved rules the managed
 * Kubernetes offerings publish, plus a memory eviction threshold.
 */
public final class KwokStyleCatalogGenerator {

    public static final String LABEL_DOMAIN = "karpenter.kwok.sh";
    public static final String FAMILY_LABEL = LABEL_DOMAIN + "/instance-family";
    public static final String SIZE_LABEL = LABEL_DOMAIN + "/instance-size";
    public static final String CPU_LABEL = LABEL_DOMAIN + "/instance-cpu";
    public static final String MEMORY_LABEL = LABEL_DOMAIN + "/instance-memory";

    /** A family of machines sharing a memory-to-vCPU ratio. */
    public record Family(String name, int memoryGiBPerVCpu) {
        public Family {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("family name is empty");
            }
            if (memoryGiBPerVCpu < 1) {
                throw new IllegalArgumentException("family " + name + ": memoryGiBPerVCpu must be >= 1");
            }
        }
    }

    /** What to generate; {@link #defaults()} is the KWOK shape. */
    public record Options(List<Family> families, List<Integer> sizes, List<String> architectures,
                          List<String> operatingSystems, List<String> zones, List<String> capacityTypes) {
        public Options {
            families = List.copyOf(families);
            sizes = List.copyOf(sizes);
            architectures = List.copyOf(architectures);
            operatingSystems = List.copyOf(operatingSystems);
            zones = List.copyOf(zones);
            capacityTypes = List.copyOf(capacityTypes);
            for (Integer s : sizes) {
                if (s == null || s < 1) {
                    throw new IllegalArgumentException("sizes must be >= 1 vCPU, got " + s);
                }
            }
            for (String c : capacityTypes) {
                if (!CatalogFormat.CAPACITY_TYPES.contains(c)) {
                    throw new IllegalArgumentException("unknown capacity type '" + c + "'");
                }
            }
        }

        public static Options defaults() {
            return new Options(DEFAULT_FAMILIES, DEFAULT_SIZES, List.of("amd64", "arm64"), List.of("linux"),
                    DEFAULT_ZONES, List.of(Offering.SPOT, Offering.ON_DEMAND));
        }

        public Options withFamilies(List<Family> f) {
            return new Options(f, sizes, architectures, operatingSystems, zones, capacityTypes);
        }

        public Options withSizes(List<Integer> s) {
            return new Options(families, s, architectures, operatingSystems, zones, capacityTypes);
        }

        public Options withArchitectures(List<String> a) {
            return new Options(families, sizes, a, operatingSystems, zones, capacityTypes);
        }

        public Options withZones(List<String> z) {
            return new Options(families, sizes, architectures, operatingSystems, z, capacityTypes);
        }

        public Options withCapacityTypes(List<String> c) {
            return new Options(families, sizes, architectures, operatingSystems, zones, c);
        }
    }

    public static final List<Family> DEFAULT_FAMILIES = List.of(new Family("c", 2), new Family("s", 4), new Family("m", 8));
    public static final List<Integer> DEFAULT_SIZES = List.of(1, 2, 4, 8, 16, 32, 48, 64, 96, 128, 192, 256);
    public static final List<String> DEFAULT_ZONES = List.of("test-zone-a", "test-zone-b", "test-zone-c", "test-zone-d");

    static final double PRICE_PER_VCPU = 0.025;
    static final double PRICE_PER_GIB = 0.004;
    static final double ARM_DISCOUNT = 0.8;
    static final double RESERVED_DISCOUNT = 0.6;
    static final long GIB = 1L << 30;
    static final long MIB = 1L << 20;

    private KwokStyleCatalogGenerator() {
    }

    public static List<InstanceType> generate() {
        return generate(Options.defaults());
    }

    public static List<InstanceType> generate(Options options) {
        List<InstanceType> types = new ArrayList<>();
        for (Family family : options.families()) {
            for (int vcpu : options.sizes()) {
                for (String arch : options.architectures()) {
                    for (String os : options.operatingSystems()) {
                        types.add(instanceType(family, vcpu, arch, os, options));
                    }
                }
            }
        }
        return List.copyOf(types);
    }

    private static InstanceType instanceType(Family family, int vcpu, String arch, String os, Options options) {
        long memoryGiB = (long) vcpu * family.memoryGiBPerVCpu();
        long pods = maxPods(vcpu);
        ResourceList capacity = ResourceList.ofMilli(Map.of(
                ResourceList.CPU, vcpu * 1000L,
                ResourceList.MEMORY, memoryGiB * GIB * 1000,
                ResourceList.PODS, pods * 1000,
                ResourceList.EPHEMERAL_STORAGE, 20 * GIB * 1000));
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(FAMILY_LABEL, family.name());
        labels.put(SIZE_LABEL, vcpu + "x");
        labels.put(CPU_LABEL, Integer.toString(vcpu));
        labels.put(MEMORY_LABEL, Long.toString(memoryGiB * 1024));
        double onDemand = onDemandPrice(vcpu, memoryGiB, arch);
        List<Offering> offerings = new ArrayList<>();
        for (int z = 0; z < options.zones().size(); z++) {
            for (String capacityType : options.capacityTypes()) {
                offerings.add(new Offering(options.zones().get(z), capacityType, price(onDemand, capacityType, z), true));
            }
        }
        String name = family.name() + "-" + vcpu + "x-" + arch + "-" + os;
        return new InstanceType(name, capacity, overhead(vcpu, memoryGiB, pods), arch, Set.of(os), labels, Set.of(), offerings);
    }

    /** Large machines raise the kubelet's default of 110 pods, as the managed offerings do. */
    static long maxPods(int vcpu) {
        return vcpu >= 16 ? 250 : 110;
    }

    static double onDemandPrice(int vcpu, long memoryGiB, String arch) {
        double price = vcpu * PRICE_PER_VCPU + memoryGiB * PRICE_PER_GIB;
        return round("arm64".equals(arch) ? price * ARM_DISCOUNT : price);
    }

    static double price(double onDemand, String capacityType, int zoneIndex) {
        return switch (capacityType) {
            case Offering.SPOT -> round(onDemand * (0.30 + 0.05 * (zoneIndex % 4)));
            case Offering.RESERVED -> round(onDemand * RESERVED_DISCOUNT);
            default -> onDemand;
        };
    }

    /**
     * kube-reserved CPU: 6% of the first core, 1% of the second, 0.5% of the next two and 0.25% of
     * the rest; memory: 11 MiB per pod plus 255 MiB, plus a 100 MiB hard eviction threshold; 10% of
     * the ephemeral storage as its eviction threshold.
     */
    static ResourceList overhead(int vcpu, long memoryGiB, long pods) {
        long cpuMilli = 60;
        if (vcpu > 1) {
            cpuMilli += 10;
        }
        if (vcpu > 2) {
            cpuMilli += 5L * Math.min(2, vcpu - 2);
        }
        if (vcpu > 4) {
            cpuMilli += (vcpu - 4) * 25L / 10;
        }
        long memoryBytes = (11 * pods + 255) * MIB + 100 * MIB;
        return ResourceList.ofMilli(Map.of(
                ResourceList.CPU, cpuMilli,
                ResourceList.MEMORY, Math.min(memoryBytes, memoryGiB * GIB / 2) * 1000,
                ResourceList.EPHEMERAL_STORAGE, 2 * GIB * 1000));
    }

    private static double round(double price) {
        return Math.round(price * 1_000_000d) / 1_000_000d;
    }
}
