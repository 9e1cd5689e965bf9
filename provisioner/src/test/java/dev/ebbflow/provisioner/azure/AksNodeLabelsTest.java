package dev.ebbflow.provisioner.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.crds.azure.FipsMode;
import dev.ebbflow.crds.azure.ImageFamily;
import dev.ebbflow.crds.karpenter.NodeSelectorRequirementWithMinValues;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kubernetes.azure.com labels as AKS writes them, which of them a kubelet may set itself, and the node settings' checks. */
class AksNodeLabelsTest {

    @Test
    void theClusterLabelIsTheNodeResourceGroupShortenedAsAksDoes() {
        assertThat(AksNodeLabels.clusterLabel("MC_rg_prod_westeurope")).isEqualTo("MC_rg_prod_westeurope");
        assertThat(AksNodeLabels.clusterLabel("MC_rg(prod)")).isEqualTo("MC_rg-prod-z");
        String long64 = "MC_" + "a".repeat(59) + "_b";
        assertThat(AksNodeLabels.clusterLabel(long64)).hasSize(63).isEqualTo(long64.substring(0, 62) + "z");
        assertThat(AksNodeLabels.clusterLabel("MC_" + "a".repeat(70))).isEqualTo("MC_" + "a".repeat(60));
    }

    @Test
    void theNodeImageVersionLabelNamesTheGalleryPrefixTheImageDefinitionAndTheVersion() {
        assertThat(AksNodeLabels.nodeImageVersion(AksNodeImages.definition(ImageFamily.Ubuntu2204, false, false).versionId("202511.07.0")))
                .contains("AKSUbuntu-2204gen2containerd-202511.07.0");
        assertThat(AksNodeLabels.nodeImageVersion(AksNodeImages.definition(ImageFamily.AzureLinux, true, true).versionId("202511.07.0")))
                .contains("AKSAzureLinux-V3fipsgen2arm64-202511.07.0");
        assertThat(AksNodeLabels.nodeImageVersion("/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/images/custom")).isEmpty();
        assertThat(AksNodeLabels.nodeImageVersion(null)).isEmpty();
    }

    @Test
    void theKubeletSetsOnlyTheKubernetesIoLabelsNodeRestrictionAllowsIt() {
        assertThat(List.of("kubernetes.azure.com/mode", "karpenter.azure.com/sku-cpu", "karpenter.sh/nodepool", "team", "kubernetes.io/arch",
                "topology.kubernetes.io/zone", "node.kubernetes.io/instance-type", "node.kubernetes.io/exclude-from-external-load-balancers",
                "kubelet.kubernetes.io/role", "example.com/tier")).allMatch(AksNodeLabels::kubeletMaySet);
        assertThat(List.of("node-role.kubernetes.io/worker", "node-restriction.kubernetes.io/tier", "kubernetes.io/role", "k8s.io/x", "foo.k8s.io/y", "karpenter.k8s.io/z"))
                .noneMatch(AksNodeLabels::kubeletMaySet);
    }

    @Test
    void theModeIsSystemOnlyWhenALabelOrASingleValuedRequirementSaysSo() {
        assertThat(AksNodeLabels.mode(null, null)).isEqualTo("user");
        assertThat(AksNodeLabels.mode(Map.of(AzureLabels.AKS_MODE, "system"), null)).isEqualTo("system");
        assertThat(AksNodeLabels.mode(Map.of(), List.of(new NodeSelectorRequirementWithMinValues(AzureLabels.AKS_MODE, "In", List.of("system")))))
                .isEqualTo("system");
        assertThat(AksNodeLabels.mode(Map.of(), List.of(new NodeSelectorRequirementWithMinValues(AzureLabels.AKS_MODE, "In", List.of("system", "user")))))
                .isEqualTo("user");
        assertThat(AksNodeLabels.mode(Map.of(), List.of(new NodeSelectorRequirementWithMinValues(AzureLabels.AKS_MODE, "NotIn", List.of("system")))))
                .isEqualTo("user");
    }

    @Test
    void selectableLabelsFollowTheNodeClassAndTheClusterAndFipsIsAbsentWithoutIt() {
        AzureConfig config = AzureFixtures.config(URI.create("https://arm"), "v");
        var azureLinux = AzureFixtures.nodeClass("a", ImageFamily.AzureLinux).getSpec();
        assertThat(AksNodeLabels.selectable(azureLinux, "user", config)).isEqualTo(Map.of(AzureLabels.AKS_CLUSTER, "MC_rg_test_westeurope",
                AzureLabels.AKS_MODE, "user", AzureLabels.AKS_OS_SKU, "AzureLinux"));
        assertThat(AksNodeLabels.absent(azureLinux)).containsExactly(AzureLabels.AKS_FIPS_ENABLED);
        azureLinux.setFipsMode(FipsMode.FIPS);
        assertThat(AksNodeLabels.selectable(azureLinux, "system", config)).containsEntry(AzureLabels.AKS_FIPS_ENABLED, "true")
                .containsEntry(AzureLabels.AKS_MODE, "system");
        assertThat(AksNodeLabels.absent(azureLinux)).isEmpty();
        assertThat(AksNodeLabels.selectable(AzureFixtures.nodeClass("u", ImageFamily.Ubuntu2404).getSpec(), "user", config))
                .containsEntry(AzureLabels.AKS_OS_SKU, "Ubuntu");
    }

    @Test
    void writtenLabelsFollowTheOfferingTheImageTheSubnetAndTheSettings() {
        String image = AksNodeImages.definition(ImageFamily.AzureLinux, false, false).versionId("202511.07.0");
        assertThat(AksNodeLabels.written("spot", image, AzureFixtures.SUBNET, AzureFixtures.NODE_SETTINGS)).isEqualTo(Map.ofEntries(
                Map.entry(AzureLabels.AKS_ROLE, "agent"), Map.entry(AzureLabels.AKS_SCALE_SET_PRIORITY, "spot"), Map.entry(AzureLabels.AKS_PRIORITY, "spot"),
                Map.entry(AzureLabels.AKS_NODE_IMAGE_VERSION, "AKSAzureLinux-V3gen2-202511.07.0"),
                Map.entry(AzureLabels.AKS_KUBELET_IDENTITY_CLIENT_ID, AzureFixtures.KUBELET_IDENTITY),
                Map.entry(AzureLabels.AKS_AZURE_CNI_OVERLAY, "true"), Map.entry(AzureLabels.AKS_PODNETWORK_TYPE, "overlay"),
                Map.entry(AzureLabels.AKS_EBPF_DATAPLANE, "cilium"), Map.entry(AzureLabels.AKS_NETWORK_SUBNET, "nodes"),
                Map.entry(AzureLabels.AKS_NODENETWORK_VNETGUID, AzureFixtures.VNET_GUID)));
        // No kubelet identity, no VNet GUID, the Azure dataplane and no subnet: none of their labels.
        assertThat(AksNodeLabels.written("on-demand", image, null, new AksNodeSettings(null, null, null, "azure", null, null)))
                .containsEntry(AzureLabels.AKS_SCALE_SET_PRIORITY, "regular").containsEntry(AzureLabels.AKS_PRIORITY, "regular")
                .doesNotContainKeys(AzureLabels.AKS_KUBELET_IDENTITY_CLIENT_ID, AzureLabels.AKS_NODENETWORK_VNETGUID, AzureLabels.AKS_EBPF_DATAPLANE,
                        AzureLabels.AKS_NETWORK_SUBNET);
    }

    @Test
    void theClusterDnsMustBeIpAddressesAndDefaultsToAks() {
        assertThat(new AksNodeSettings(null, "", null, null, null, null).clusterDns()).isEqualTo("10.0.0.10");
        assertThat(new AksNodeSettings(null, "fd00::a", null, null, null, null).clusterDns()).isEqualTo("fd00::a");
        assertThat(new AksNodeSettings(null, "10.0.0.10,fd00::a", null, null, null, null).clusterDns()).isEqualTo("10.0.0.10,fd00::a");
        assertThatThrownBy(() -> new AksNodeSettings(null, "kube-dns.kube-system", null, null, null, null))
                .hasMessageContaining("cluster DNS 'kube-dns.kube-system' is not an IP address");
        assertThatThrownBy(() -> new AksNodeSettings(null, "10.0.0.300", null, null, null, null)).hasMessageContaining("not an IP address");
    }

    @Test
    void nodeIdentitiesMustBeUserAssignedIdentityResourceIds() {
        assertThat(new AksNodeSettings(null, null, null, null, null, java.util.Arrays.asList(" " + AzureFixtures.KUBELET_IDENTITY_ID, "", null))
                .nodeIdentities()).containsExactly(AzureFixtures.KUBELET_IDENTITY_ID);
        assertThatThrownBy(() -> new AksNodeSettings(null, null, null, null, null, List.of(AzureFixtures.KUBELET_IDENTITY)))
                .hasMessageContaining("'" + AzureFixtures.KUBELET_IDENTITY + "' is not a user-assigned identity's resource ID");
    }
}
