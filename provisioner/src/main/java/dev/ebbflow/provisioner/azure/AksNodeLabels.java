package dev.ebbflow.provisioner.azure;

import dev.ebbflow.crds.azure.AKSNodeClassSpec;
import dev.ebbflow.crds.karpenter.NodeSelectorRequirementWithMinValues;
import dev.ebbflow.provisioner.catalog.Offering;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code kubernetes.azure.com/*} labels nodes carry as AKS node auto-provisioning's nodes do, in the
 * two kinds its "Requirements and Labels" design keeps apart: labels a NodePool or pod may select on
 * (the node class's OS SKU and FIPS mode, the cluster, the node pool mode; the instance types carry them),
 * and labels only written to the node (role, priority, node image, kubelet identity, Azure CNI overlay's),
 * which no requirement may name.
 */
public final class AksNodeLabels {

    public static final String MODE_USER = "user";
    public static final String MODE_SYSTEM = "system";

    /** Keys of the kubernetes.io and k8s.io namespaces a kubelet may give itself (NodeRestriction's set); it refuses to start with others. */
    private static final Set<String> KUBELET_KUBERNETES_IO_LABELS = Set.of("kubernetes.io/hostname", "kubernetes.io/arch", "kubernetes.io/os",
            "beta.kubernetes.io/arch", "beta.kubernetes.io/os", "beta.kubernetes.io/instance-type", "node.kubernetes.io/instance-type",
            "failure-domain.beta.kubernetes.io/region", "failure-domain.beta.kubernetes.io/zone", "topology.kubernetes.io/region",
            "topology.kubernetes.io/zone");
    private static final Pattern IMAGE_ID = Pattern.compile("^/CommunityGalleries/([^/-]+)[^/]*/images/([^/]+)/versions/([^/]+)$");

    private AksNodeLabels() {
    }

    /** The selectable labels every instance type of a node class carries, in a NodePool of that mode. */
    public static Map<String, String> selectable(AKSNodeClassSpec spec, String mode, AzureConfig config) {
        Map<String, String> labels = new TreeMap<>();
        labels.put(AzureLabels.AKS_CLUSTER, clusterLabel(config.nodeResourceGroup()));
        labels.put(AzureLabels.AKS_MODE, mode);
        labels.put(AzureLabels.AKS_OS_SKU, AksNodeImages.osSku(spec.imageFamilyOrDefault()));
        if (spec.fips()) {
            labels.put(AzureLabels.AKS_FIPS_ENABLED, "true");
        }
        return labels;
    }

    /** The selectable labels a node class's nodes never carry: a pod requiring them cannot land there, one excluding them can. */
    public static Set<String> absent(AKSNodeClassSpec spec) {
        return spec.fips() ? Set.of() : Set.of(AzureLabels.AKS_FIPS_ENABLED);
    }

    /**
     * The node pool mode of a NodePool or claim: {@code system} or {@code user} when its labels or a
     * single-valued {@code In} requirement name one, else {@code user}, which AKS's Karpenter provider
     * writes unless told otherwise.
     */
    public static String mode(Map<String, String> labels, List<NodeSelectorRequirementWithMinValues> requirements) {
        String named = labels == null ? null : labels.get(AzureLabels.AKS_MODE);
        if (named == null && requirements != null) {
            for (NodeSelectorRequirementWithMinValues r : requirements) {
                if (AzureLabels.AKS_MODE.equals(r.getKey()) && "In".equals(r.getOperator()) && r.getValues() != null && r.getValues().size() == 1) {
                    named = r.getValues().get(0);
                }
            }
        }
        return MODE_SYSTEM.equals(named) ? MODE_SYSTEM : MODE_USER;
    }

    /** The labels only written to a node launched through this offering from this image into this subnet. */
    public static Map<String, String> written(String capacityType, String imageId, String subnetId, AksNodeSettings settings) {
        Map<String, String> labels = new TreeMap<>();
        labels.put(AzureLabels.AKS_ROLE, "agent");
        String priority = Offering.SPOT.equals(capacityType) ? "spot" : "regular";
        labels.put(AzureLabels.AKS_SCALE_SET_PRIORITY, priority);
        labels.put(AzureLabels.AKS_PRIORITY, priority);
        nodeImageVersion(imageId).ifPresent(v -> labels.put(AzureLabels.AKS_NODE_IMAGE_VERSION, v));
        settings.kubeletIdentity().ifPresent(id -> labels.put(AzureLabels.AKS_KUBELET_IDENTITY_CLIENT_ID, id));
        // Node auto-provisioning runs Azure CNI overlay only; AKS's Cilium and CNS DaemonSets select nodes by these.
        labels.put(AzureLabels.AKS_AZURE_CNI_OVERLAY, "true");
        labels.put(AzureLabels.AKS_PODNETWORK_TYPE, "overlay");
        if (AksNodeSettings.CILIUM.equals(settings.networkDataplane())) {
            labels.put(AzureLabels.AKS_EBPF_DATAPLANE, AksNodeSettings.CILIUM);
        }
        VnetSubnetId.parse(subnetId).ifPresent(s -> labels.put(AzureLabels.AKS_NETWORK_SUBNET, s.subnet()));
        settings.vnet().ifPresent(guid -> labels.put(AzureLabels.AKS_NODENETWORK_VNETGUID, guid));
        return labels;
    }

    /**
     * AKS's name of a node image ({@code AKSAzureLinux-V3gen2arm64-202511.07.0}): the gallery's prefix, the
     * image definition and the version of a community gallery image version ID.
     */
    public static Optional<String> nodeImageVersion(String imageId) {
        Matcher m = imageId == null ? null : IMAGE_ID.matcher(imageId);
        return m != null && m.matches() ? Optional.of(m.group(1) + "-" + m.group(2) + "-" + m.group(3)) : Optional.empty();
    }

    /**
     * The node resource group as AKS writes it into {@code kubernetes.azure.com/cluster}: parentheses
     * become dashes, at most 63 characters, and a value ending in '-', '_' or '.' (not allowed at the
     * end of a label value) gets a 'z' there.
     */
    public static String clusterLabel(String nodeResourceGroup) {
        String value = nodeResourceGroup.replace('(', '-').replace(')', '-');
        if (value.length() > 63) {
            value = value.substring(0, 63);
        }
        if (value.endsWith("-") || value.endsWith("_") || value.endsWith(".")) {
            value = value.length() > 62 ? value.substring(0, 62) + "z" : value + "z";
        }
        return value;
    }

    /**
     * Whether the kubelet may set the label on its own Node: keys outside the kubernetes.io and k8s.io
     * namespaces, the well-known topology, OS and instance type keys, and the kubelet.kubernetes.io and
     * node.kubernetes.io prefixes. Others reach the Node from the claim when it registers.
     */
    public static boolean kubeletMaySet(String key) {
        int slash = key.indexOf('/');
        String domain = slash < 0 ? "" : key.substring(0, slash);
        boolean restricted = domain.equals("kubernetes.io") || domain.endsWith(".kubernetes.io") || domain.equals("k8s.io") || domain.endsWith(".k8s.io");
        return !restricted || KUBELET_KUBERNETES_IO_LABELS.contains(key)
                || domain.equals("kubelet.kubernetes.io") || domain.endsWith(".kubelet.kubernetes.io")
                || domain.equals("node.kubernetes.io") || domain.endsWith(".node.kubernetes.io");
    }
}
