package dev.ebbflow.provisioner.azure;

import dev.ebbflow.provisioner.catalog.ResourceList;
import java.util.Map;

/**
 * What a node of an AKS VM keeps for itself, by AKS's documented resource reservations (Kubernetes
 * 1.29 and later): kube-reserved CPU by core count (60m for one core, +40m for the second, +20m per
 * core up to four, +10m per core beyond), kube-reserved memory min(20 MiB × max pods + 50 MiB, 25 % of
 * the memory), the 100 MiB {@code memory.available} and 10 % {@code nodefs.available} eviction thresholds.
 * The VM itself reports less memory than its size advertises; as AKS's Karpenter provider does, 7.5 %
 * of it is taken as that overhead.
 */
public final class AksAllocatable {

    static final double VM_MEMORY_OVERHEAD = 0.075;
    private static final long MI = 1L << 20;
    private static final long EVICTION_MEMORY = 100 * MI;

    private AksAllocatable() {
    }

    /** Kube-reserved CPU in millicores for a VM of that many vCPUs. */
    public static long reservedCpuMilli(int cores) {
        if (cores <= 1) {
            return 60;
        }
        long reserved = 100;
        reserved += 20L * (Math.min(cores, 4) - 2);
        reserved += 10L * Math.max(0, cores - 4);
        return reserved;
    }

    /** Kube-reserved memory in bytes for a node of that memory and max pods. */
    public static long reservedMemoryBytes(long memoryBytes, int maxPods) {
        return Math.min(20 * MI * maxPods + 50 * MI, memoryBytes / 4);
    }

    /** The memory the node reports for a VM size of that many MiB. */
    public static long nodeMemoryBytes(long skuMemoryMiB) {
        return (long) Math.floor(skuMemoryMiB * MI * (1 - VM_MEMORY_OVERHEAD));
    }

    /** Capacity of a node of that size, OS disk and max pods (extended resources such as GPUs added by the caller). */
    public static ResourceList capacity(int cores, long skuMemoryMiB, int osDiskSizeGB, int maxPods, Map<String, Long> extended) {
        Map<String, Long> milli = new java.util.TreeMap<>();
        milli.put(ResourceList.CPU, cores * 1000L);
        milli.put(ResourceList.MEMORY, nodeMemoryBytes(skuMemoryMiB) * 1000);
        milli.put(ResourceList.PODS, maxPods * 1000L);
        milli.put(ResourceList.EPHEMERAL_STORAGE, osDiskSizeGB * (1L << 30) * 1000);
        extended.forEach((k, v) -> milli.put(k, v * 1000));
        return ResourceList.ofMilli(milli);
    }

    /** Kube-reserved plus eviction thresholds: capacity minus this is allocatable. */
    public static ResourceList overhead(ResourceList capacity) {
        int cores = (int) (capacity.milli(ResourceList.CPU) / 1000);
        long memory = capacity.milli(ResourceList.MEMORY) / 1000;
        int maxPods = (int) (capacity.milli(ResourceList.PODS) / 1000);
        long disk = capacity.milli(ResourceList.EPHEMERAL_STORAGE) / 1000;
        return ResourceList.ofMilli(Map.of(
                ResourceList.CPU, reservedCpuMilli(cores),
                ResourceList.MEMORY, (reservedMemoryBytes(memory, maxPods) + EVICTION_MEMORY) * 1000,
                ResourceList.EPHEMERAL_STORAGE, disk / 10 * 1000));
    }
}
