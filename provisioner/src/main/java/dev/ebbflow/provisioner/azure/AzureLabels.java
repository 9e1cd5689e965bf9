package dev.ebbflow.provisioner.azure;

/** The well-known labels AKS's Karpenter provider puts on nodes, and the Azure tags it puts on VMs. */
public final class AzureLabels {

    public static final String GROUP = "karpenter.azure.com";
    public static final String SKU_NAME = GROUP + "/sku-name";
    public static final String SKU_FAMILY = GROUP + "/sku-family";
    public static final String SKU_SERIES = GROUP + "/sku-series";
    public static final String SKU_VERSION = GROUP + "/sku-version";
    public static final String SKU_CPU = GROUP + "/sku-cpu";
    public static final String SKU_MEMORY = GROUP + "/sku-memory";
    public static final String SKU_GPU_NAME = GROUP + "/sku-gpu-name";
    public static final String SKU_GPU_MANUFACTURER = GROUP + "/sku-gpu-manufacturer";
    public static final String SKU_GPU_COUNT = GROUP + "/sku-gpu-count";
    public static final String SKU_NETWORKING_ACCELERATED = GROUP + "/sku-networking-accelerated";
    public static final String SKU_STORAGE_PREMIUM_CAPABLE = GROUP + "/sku-storage-premium-capable";
    public static final String SKU_STORAGE_EPHEMERAL_OS_MAX_SIZE = GROUP + "/sku-storage-ephemeralos-maxsize";

    /**
     * Azure tag names may not contain '/', so the Karpenter keys are written with '_' as AKS's
     * Karpenter provider does ({@code karpenter.sh_nodepool}).
     */
    public static final String TAG_NODEPOOL = "karpenter.sh_nodepool";
    public static final String TAG_NODECLAIM = "karpenter.sh_nodeclaim";
    public static final String TAG_CLUSTER = "karpenter.azure.com_cluster";
    public static final String TAG_AKSNODECLASS = "karpenter.azure.com_aksnodeclass";

    public static final String NVIDIA_GPU = "nvidia.com/gpu";

    private AzureLabels() {
    }
}
