package dev.ebbflow.crds.karpenter.aws;

/** {@code RAID0}: the instance's local NVMe disks become one array holding the kubelet's and the runtime's data. */
public enum InstanceStorePolicy {
    RAID0
}
