package dev.ebbflow.provisioner.aws;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The well-known labels of EC2 instance types, as Karpenter's AWS provider sets them. */
public final class Ec2Labels {

    public static final String PREFIX = "karpenter.k8s.aws/";
    public static final String CATEGORY = PREFIX + "instance-category";
    public static final String FAMILY = PREFIX + "instance-family";
    public static final String GENERATION = PREFIX + "instance-generation";
    public static final String SIZE = PREFIX + "instance-size";
    public static final String CPU = PREFIX + "instance-cpu";
    public static final String CPU_MANUFACTURER = PREFIX + "instance-cpu-manufacturer";
    public static final String MEMORY = PREFIX + "instance-memory";
    public static final String HYPERVISOR = PREFIX + "instance-hypervisor";
    public static final String ENCRYPTION_IN_TRANSIT = PREFIX + "instance-encryption-in-transit-supported";
    public static final String GPU_NAME = PREFIX + "instance-gpu-name";
    public static final String GPU_MANUFACTURER = PREFIX + "instance-gpu-manufacturer";
    public static final String GPU_COUNT = PREFIX + "instance-gpu-count";
    public static final String GPU_MEMORY = PREFIX + "instance-gpu-memory";
    public static final String ACCELERATOR_NAME = PREFIX + "instance-accelerator-name";
    public static final String ACCELERATOR_MANUFACTURER = PREFIX + "instance-accelerator-manufacturer";
    public static final String ACCELERATOR_COUNT = PREFIX + "instance-accelerator-count";
    public static final String LOCAL_NVME = PREFIX + "instance-local-nvme";
    public static final String NETWORK_BANDWIDTH = PREFIX + "instance-network-bandwidth";
    public static final String EBS_BANDWIDTH = PREFIX + "instance-ebs-bandwidth";
    public static final String EC2NODECLASS = PREFIX + "ec2nodeclass";
    /** On nodes launched into a capacity reservation: its id, its type ({@code default}, {@code capacity-block}), whether it is interruptible. */
    public static final String CAPACITY_RESERVATION_ID = PREFIX + "capacity-reservation-id";
    public static final String CAPACITY_RESERVATION_TYPE = PREFIX + "capacity-reservation-type";
    public static final String CAPACITY_RESERVATION_INTERRUPTIBLE = PREFIX + "capacity-reservation-interruptible";
    static final java.util.List<String> RESERVATION_LABELS = java.util.List.of(CAPACITY_RESERVATION_ID, CAPACITY_RESERVATION_TYPE,
            CAPACITY_RESERVATION_INTERRUPTIBLE);

    /** Labels a type without GPUs, accelerators or local NVMe declares absent, so {@code Exists} on them excludes it. */
    static final List<String> OPTIONAL = List.of(GPU_NAME, GPU_MANUFACTURER, GPU_COUNT, GPU_MEMORY, ACCELERATOR_NAME, ACCELERATOR_MANUFACTURER,
            ACCELERATOR_COUNT, LOCAL_NVME, NETWORK_BANDWIDTH, EBS_BANDWIDTH);

    private static final Pattern FAMILY_PARTS = Pattern.compile("^([a-z]+)(\\d+)([a-z0-9-]*)$");

    private Ec2Labels() {
    }

    /** {@code m7g.2xlarge} → family {@code m7g}, category {@code m}, generation {@code 7}, size {@code 2xlarge}. */
    record NameParts(String family, String category, String generation, String size) {

        static NameParts of(String instanceType) {
            int dot = instanceType.indexOf('.');
            String family = dot < 0 ? instanceType : instanceType.substring(0, dot);
            String size = dot < 0 ? "" : instanceType.substring(dot + 1);
            Matcher m = FAMILY_PARTS.matcher(family);
            if (m.matches()) {
                return new NameParts(family, m.group(1), m.group(2), size);
            }
            return new NameParts(family, family, "", size);
        }
    }
}
