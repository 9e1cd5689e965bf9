package dev.ebbflow.provisioner.aws;

import dev.ebbflow.crds.karpenter.aws.KubeletConfiguration;
import dev.ebbflow.provisioner.catalog.ResourceList;
import java.util.HashMap;
import java.util.Map;

/**
 * What a node keeps for itself, by the formulas Karpenter's AWS provider documents: the hypervisor's
 * share of memory (7.5 % by default), kube-reserved (CPU by a sliding scale per core, memory
 * {@code 11Mi × maxPods + 255Mi}, 1Gi of disk) unless the EC2NodeClass's kubelet sets its own,
 * system-reserved when set, and the eviction thresholds ({@code memory.available} 100Mi,
 * {@code nodefs.available} 10 % unless set; a soft threshold above the hard one wins). Max pods follow
 * the ENI limit, {@code ENIs × (IPv4 per ENI − 1) + 2}, unless {@code maxPods} is set, capped by
 * {@code podsPerCore × vCPUs}.
 */
final class Ec2Overhead {

    static final double DEFAULT_VM_MEMORY_OVERHEAD = 0.075;
    private static final long MI = 1L << 20;
    private static final long GI = 1L << 30;

    private Ec2Overhead() {
    }

    static long eniLimitedPods(int enis, int ipv4PerEni) {
        return Math.max(0, (long) enis * (ipv4PerEni - 1) + 2);
    }

    static long maxPods(KubeletConfiguration kubelet, int vcpus, int enis, int ipv4PerEni) {
        long pods = kubelet != null && kubelet.getMaxPods() != null ? kubelet.getMaxPods() : eniLimitedPods(enis, ipv4PerEni);
        if (kubelet != null && kubelet.getPodsPerCore() != null && kubelet.getPodsPerCore() > 0) {
            pods = Math.min(pods, (long) kubelet.getPodsPerCore() * vcpus);
        }
        return pods;
    }

    /** Memory capacity the kubelet sees: the type's memory minus the hypervisor's share, in bytes. */
    static long memoryCapacityBytes(long memoryMiB, double vmMemoryOverhead) {
        return (memoryMiB - (long) Math.ceil(memoryMiB * vmMemoryOverhead)) * MI;
    }

    /** Kube-reserved CPU in millicores: 6 % of the first core, 1 % of the second, 0.5 % of the third and fourth, 0.25 % of the rest. */
    static long kubeReservedCpuMilli(int vcpus) {
        double milli = 0;
        for (int core = 1; core <= vcpus; core++) {
            milli += 1000 * (core == 1 ? 0.06 : core == 2 ? 0.01 : core <= 4 ? 0.005 : 0.0025);
        }
        return Math.round(milli);
    }

    static ResourceList overhead(KubeletConfiguration kubelet, int vcpus, long maxPods, long memoryBytes, long ephemeralBytes) {
        Map<String, Long> milli = new HashMap<>();
        Map<String, String> kubeReserved = kubelet == null || kubelet.getKubeReserved() == null ? Map.of() : kubelet.getKubeReserved();
        add(milli, ResourceList.CPU, reserved(kubeReserved, ResourceList.CPU, kubeReservedCpuMilli(vcpus)));
        add(milli, ResourceList.MEMORY, reserved(kubeReserved, ResourceList.MEMORY, (11 * maxPods + 255) * MI * 1000));
        add(milli, ResourceList.EPHEMERAL_STORAGE, reserved(kubeReserved, ResourceList.EPHEMERAL_STORAGE, GI * 1000));
        if (kubelet != null && kubelet.getSystemReserved() != null) {
            kubelet.getSystemReserved().forEach((k, v) -> {
                if (!k.equals("pid")) {
                    add(milli, k, ResourceList.parseMilli(v));
                }
            });
        }
        Map<String, String> hard = kubelet == null || kubelet.getEvictionHard() == null ? Map.of() : kubelet.getEvictionHard();
        Map<String, String> soft = kubelet == null || kubelet.getEvictionSoft() == null ? Map.of() : kubelet.getEvictionSoft();
        add(milli, ResourceList.MEMORY, Math.max(threshold(hard.getOrDefault("memory.available", "100Mi"), memoryBytes),
                soft.containsKey("memory.available") ? threshold(soft.get("memory.available"), memoryBytes) : 0));
        add(milli, ResourceList.EPHEMERAL_STORAGE, Math.max(threshold(hard.getOrDefault("nodefs.available", "10%"), ephemeralBytes),
                soft.containsKey("nodefs.available") ? threshold(soft.get("nodefs.available"), ephemeralBytes) : 0));
        return ResourceList.ofMilli(milli);
    }

    private static long reserved(Map<String, String> configured, String resource, long defaultMilli) {
        String value = configured.get(resource);
        return value == null ? defaultMilli : ResourceList.parseMilli(value);
    }

    /** A threshold as a quantity or a percentage of the total, in milli-units. */
    private static long threshold(String value, long totalBytes) {
        if (value.endsWith("%")) {
            return Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) / 100.0 * totalBytes) * 1000;
        }
        return ResourceList.parseMilli(value);
    }

    private static void add(Map<String, Long> milli, String resource, long amount) {
        milli.merge(resource, amount, Long::sum);
    }
}
