package dev.ebbflow.provisioner.azure;

import dev.ebbflow.crds.azure.AKSNodeClassSpec;
import dev.ebbflow.crds.azure.ImageFamily;
import java.util.List;

/**
 * The AKS node image a VM boots, by the node class's image family (and FIPS mode) and the VM's
 * architecture: AKS publishes its node images in community galleries, one image definition per
 * distribution, generation and architecture, versioned by release ({@code 202511.07.0}).
 */
public final class AksNodeImages {

    /** The architectures AKS publishes node images for, each in its own image definition. */
    public static final List<String> ARCHITECTURES = List.of("amd64", "arm64");

    private static final String UBUNTU_GALLERY = "AKSUbuntu-38d80f77-467a-481f-a8d4-09b6d4220bd2";
    private static final String AZURE_LINUX_GALLERY = "AKSAzureLinux-f7c7cda5-1c9a-4bdc-a222-9614c968580b";

    /** One image definition of a community gallery, by the gallery's public name. */
    public record Definition(String gallery, String image) {

        /** The community gallery image version ID a VM's {@code imageReference.communityGalleryImageId} takes. */
        public String versionId(String version) {
            return "/CommunityGalleries/" + gallery + "/images/" + image + "/versions/" + version;
        }

        @Override
        public String toString() {
            return image + " of community gallery " + gallery;
        }
    }

    private AksNodeImages() {
    }

    /** The community gallery image version ID for nodes of this class and architecture. */
    public static String imageId(AKSNodeClassSpec spec, String architecture, String version) {
        return definition(spec, architecture).versionId(version);
    }

    public static Definition definition(AKSNodeClassSpec spec, String architecture) {
        return definition(spec.imageFamilyOrDefault(), spec.fips(), "arm64".equals(architecture));
    }

    public static Definition definition(ImageFamily family, boolean fips, boolean arm64) {
        String arch = arm64 ? "arm64" : "";
        return switch (family) {
            case AzureLinux -> new Definition(AZURE_LINUX_GALLERY, (fips ? "V3fipsgen2" : "V3gen2") + arch);
            case Ubuntu2404 -> new Definition(UBUNTU_GALLERY, "2404gen2" + arch + "containerd");
            case Ubuntu, Ubuntu2204 -> new Definition(UBUNTU_GALLERY, (fips ? "2204fipsgen2" : "2204gen2") + arch + "containerd");
        };
    }

    /** The {@code kubernetes.azure.com/os-sku} of nodes of this family. */
    public static String osSku(ImageFamily family) {
        return family == ImageFamily.AzureLinux ? "AzureLinux" : "Ubuntu";
    }
}
