package dev.ebbflow.provisioner.scheduling;

import java.util.Set;

/** Node labels that Karpenter-style provisioning resolves itself, so a pod may select them without a NodePool naming them. */
public final class WellKnownLabels {

    public static final String NODEPOOL = "karpenter.sh/nodepool";
    public static final String CAPACITY_TYPE = "karpenter.sh/capacity-type";
    public static final String INSTANCE_TYPE = "node.kubernetes.io/instance-type";
    public static final String ZONE = "topology.kubernetes.io/zone";
    public static final String REGION = "topology.kubernetes.io/region";
    public static final String ARCH = "kubernetes.io/arch";
    public static final String OS = "kubernetes.io/os";
    public static final String HOSTNAME = "kubernetes.io/hostname";

    /**
     * Keys a new node gets a value for from its pool, instance type or offering. The hostname is not
     * among them: a new node's name is unknown, so a pod pinned to a hostname cannot make one.
     */
    public static final Set<String> RESOLVED_BY_PROVISIONING = Set.of(NODEPOOL, CAPACITY_TYPE, INSTANCE_TYPE, ZONE, REGION, ARCH, OS);

    private WellKnownLabels() {
    }
}
