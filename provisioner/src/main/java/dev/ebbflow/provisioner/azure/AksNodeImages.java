package dev.ebbflow.provisioner.azure;

import dev.ebbflow.crds.azure.AKSNodeClassSpec;
import dev.ebbflow.crds.azure.ImageFamily;

/**
 * The AKS node image a VM boots, by the node class's image family (and FIPS mode) and the VM's
 * architecture: AKS publishes its node images in community galleries, one image definition per
 * distribution, generation and architecture, versioned by release ({@code 202511.07.0}).
 */
public final class AksNodeImages {

    private static final String UBUNTU_GALLERY = "/CommunityGalleries/AKSUbuntu-38d80f77-467a-481f-a8d4-09b6d4220bd2/images/";
    private static final String AZURE_LINUX_GALLERY = "/CommunityGalleries/AKSAzureLinux-f7c7cda5-1c9a-4bdc-a222-9614c968580b/images/";

    private AksNodeImages() {
    }

    /** The community gallery image version ID for nodes of this class and architecture. */
    public static String imageId(AKSNodeClassSpec spec, String architecture, String version) {
        return definition(spec.imageFamilyOrDefault(), spec.fips(), "arm64".equals(architecture)) + "/versions/" + version;
    }

    static String definition(ImageFamily family, boolean fips, boolean arm64) {
        String arch = arm64 ? "arm64" : "";
        return switch (family) {
            case AzureLinux -> AZURE_LINUX_GALLERY + (fips ? "V3fipsgen2" : "V3gen2") + arch;
            case Ubuntu2404 -> UBUNTU_GALLERY + "2404gen2" + arch + "containerd";
            case Ubuntu, Ubuntu2204 -> UBUNTU_GALLERY + (fips ? "2204fipsgen2" : "2204gen2") + arch + "containerd";
        };
    }

    /** The {@code kubernetes.azure.com/os-sku} of nodes of this family. */
    public static String osSku(ImageFamily family) {
        return family == ImageFamily.AzureLinux ? "AzureLinux" : "Ubuntu";
    }
}
