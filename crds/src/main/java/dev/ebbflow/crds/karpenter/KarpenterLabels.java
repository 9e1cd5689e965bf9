package dev.ebbflow.crds.karpenter;

/** Well-known node label keys that Karpenter and Kubernetes define and Ebbflow writes on nodes. */
public final class KarpenterLabels {

    public static final String NODE_POOL = "karpenter.sh/nodepool";
    public static final String CAPACITY_TYPE = "karpenter.sh/capacity-type";
    public static final String REGISTERED = "karpenter.sh/registered";
    public static final String INITIALIZED = "karpenter.sh/initialized";
    public static final String INSTANCE_TYPE = "node.kubernetes.io/instance-type";
    public static final String ZONE = "topology.kubernetes.io/zone";
    public static final String REGION = "topology.kubernetes.io/region";
    public static final String ARCH = "kubernetes.io/arch";
    public static final String OS = "kubernetes.io/os";
    public static final String HOSTNAME = "kubernetes.io/hostname";

    private KarpenterLabels() {
    }
}
