package dev.ebbflow.provisioner.azure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/**
 * A node's {@code /etc/kubernetes/azure.json}, the cloud configuration AKS's provisioning scripts write
 * from the bootstrap variables and that the node's Azure components (disk and file CSI node plugins, the
 * ACR credential provider) read: the tenant, subscription, node resource group and region, the node's
 * virtual network and subnet, the VM type and ARM client limits AKS's Karpenter provider fixes, and
 * managed identity (the kubelet identity when one is set) instead of any client secret.
 */
public final class AksCloudConfig {

    /** Where AKS nodes keep it. */
    public static final String PATH = "/etc/kubernetes/azure.json";

    private AksCloudConfig() {
    }

    /** The file's text for nodes in this subnet (none or a malformed ID: no network fields). */
    public static String json(AzureConfig config, String subnetId) {
        AksNodeSettings settings = config.nodeSettings();
        ObjectNode c = ArmClient.JSON.createObjectNode();
        c.put("cloud", "AzurePublicCloud");
        c.put("tenantId", settings.tenant().orElse(""));
        c.put("subscriptionId", config.subscriptionId());
        c.put("resourceGroup", config.nodeResourceGroup());
        c.put("location", config.location());
        // AKS's Karpenter provider declares "vmss" for its standalone VMs too; that type also serves standalone VMs.
        c.put("vmType", "vmss");
        VnetSubnetId.parse(subnetId).ifPresent(s -> {
            c.put("subnetName", s.subnet());
            c.put("vnetName", s.vnet());
            c.put("vnetResourceGroup", s.resourceGroup());
        });
        c.put("cloudProviderBackoff", true);
        c.put("cloudProviderBackoffMode", "v2");
        c.put("cloudProviderBackoffRetries", 6);
        c.put("cloudProviderBackoffExponent", 0);
        c.put("cloudProviderBackoffDuration", 5);
        c.put("cloudProviderBackoffJitter", 0);
        c.put("cloudProviderRateLimit", true);
        c.put("cloudProviderRateLimitQPS", 10);
        c.put("cloudProviderRateLimitQPSWrite", 10);
        c.put("cloudProviderRateLimitBucket", 100);
        c.put("cloudProviderRateLimitBucketWrite", 100);
        c.put("useManagedIdentityExtension", true);
        c.put("userAssignedIdentityID", settings.kubeletIdentity().orElse(""));
        c.put("useInstanceMetadata", true);
        c.put("loadBalancerSku", "Standard");
        c.put("disableOutboundSNAT", false);
        c.put("excludeMasterFromStandardLB", true);
        c.put("maximumLoadBalancerRuleCount", 250);
        try {
            return ArmClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(c) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
