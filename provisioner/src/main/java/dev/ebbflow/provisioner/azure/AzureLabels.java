package dev.ebbflow.provisioner.azure;

/**
 * The well-known labels AKS's Karpenter provider puts on nodes ({@code karpenter.azure.com/*}, and the
 * {@code kubernetes.azure.com/*} ones AKS's own node pools carry), and the Azure tags it puts on VMs.
 */
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

    /** AKS's own domain: its node pools' labels, which AKS's system DaemonSets and users' workloads select on. */
    public static final String AKS = "kubernetes.azure.com";
    /** The node resource group, shortened to a label value. */
    public static final String AKS_CLUSTER = AKS + "/cluster";
    /** {@code user} or {@code system}. */
    public static final String AKS_MODE = AKS + "/mode";
    public static final String AKS_ROLE = AKS + "/role";
    /** {@code Ubuntu} or {@code AzureLinux}. */
    public static final String AKS_OS_SKU = AKS + "/os-sku";
    /** {@code true} on nodes of FIPS images, absent otherwise. */
    public static final String AKS_FIPS_ENABLED = AKS + "/fips_enabled";
    /** The same values as {@code karpenter.azure.com/sku-cpu} and {@code sku-memory}, under AKS's domain. */
    public static final String AKS_SKU_CPU = AKS + "/sku-cpu";
    public static final String AKS_SKU_MEMORY = AKS + "/sku-memory";
    /** {@code spot} or {@code regular}: AKS writes the first on spot nodes only, Karpenter's provider both. */
    public static final String AKS_SCALE_SET_PRIORITY = AKS + "/scalesetpriority";
    public static final String AKS_PRIORITY = AKS + "/priority";
    /** The node image, {@code <gallery prefix>-<image definition>-<version>}, e.g. {@code AKSUbuntu-2204gen2containerd-202511.07.0}. */
    public static final String AKS_NODE_IMAGE_VERSION = AKS + "/node-image-version";
    public static final String AKS_KUBELET_IDENTITY_CLIENT_ID = AKS + "/kubelet-identity-client-id";
    /** Azure CNI overlay's labels, which the Cilium and Azure CNS DaemonSets of AKS select nodes by. */
    public static final String AKS_EBPF_DATAPLANE = AKS + "/ebpf-dataplane";
    public static final String AKS_AZURE_CNI_OVERLAY = AKS + "/azure-cni-overlay";
    public static final String AKS_PODNETWORK_TYPE = AKS + "/podnetwork-type";
    public static final String AKS_NETWORK_SUBNET = AKS + "/network-subnet";
    public static final String AKS_NODENETWORK_VNETGUID = AKS + "/nodenetwork-vnetguid";

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
