package dev.ebbflow.crds.azure;

/** The node image families AKS node auto-provisioning boots; the schema's {@code enum} for {@code spec.imageFamily}. */
public enum ImageFamily {
    /** Ubuntu of the cluster's Kubernetes version's default release. */
    Ubuntu,
    Ubuntu2204,
    Ubuntu2404,
    AzureLinux
}
