package dev.ebbflow.provisioner.azure;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebbflow.crds.azure.AKSNodeClass;
import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.provisioner.catalog.Offering;
import dev.ebbflow.provisioner.cloud.LaunchCandidate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The ARM bodies of one launch: the NIC in the node class's subnet, and the VM of the chosen size,
 * zone, image, OS disk, custom data, tags and user-assigned identities; spot VMs are evicted by
 * deletion, at no price cap.
 * Names come from the claim, so a repeated PUT (a retry, a restart) is the same resource.
 */
public final class AzureVmRequests {

    /** The admin user of node VMs, as AKS names it; its SSH key is the operator's {@code --azure-ssh-public-key}. */
    static final String ADMIN_USER = "azureuser";

    private AzureVmRequests() {
    }

    /** The VM and NIC name of a claim: AKS's Karpenter provider names them {@code aks-<nodeclaim>}. */
    public static String vmName(String claimName) {
        return "aks-" + claimName;
    }

    /** The claim a VM name was derived from, if it was. */
    public static Optional<String> claimName(String vmName) {
        return vmName.startsWith("aks-") ? Optional.of(vmName.substring(4)) : Optional.empty();
    }

    public static Map<String, String> tags(NodeClaim claim, AKSNodeClass nodeClass, AzureConfig config) {
        Map<String, String> tags = new TreeMap<>();
        if (nodeClass.getSpec().getTags() != null) {
            tags.putAll(nodeClass.getSpec().getTags());
        }
        Map<String, String> labels = claim.getMetadata().getLabels() == null ? Map.of() : claim.getMetadata().getLabels();
        if (labels.containsKey(KarpenterLabels.NODE_POOL)) {
            tags.put(AzureLabels.TAG_NODEPOOL, labels.get(KarpenterLabels.NODE_POOL));
        }
        tags.put(AzureLabels.TAG_NODECLAIM, claim.getMetadata().getName());
        tags.put(AzureLabels.TAG_AKSNODECLASS, nodeClass.getMetadata().getName());
        tags.put(AzureLabels.TAG_CLUSTER, config.clusterName());
        return tags;
    }

    public static ObjectNode nic(String subnetId, boolean acceleratedNetworking, Map<String, String> tags, AzureConfig config) {
        ObjectNode nic = ArmClient.JSON.createObjectNode();
        nic.put("location", config.location());
        putTags(nic, tags);
        ObjectNode properties = nic.putObject("properties");
        ObjectNode ipConfig = properties.putArray("ipConfigurations").addObject();
        ipConfig.put("name", "ipconfig1");
        ObjectNode ipProperties = ipConfig.putObject("properties");
        ipProperties.put("primary", true);
        ipProperties.put("privateIPAllocationMethod", "Dynamic");
        ipProperties.putObject("subnet").put("id", subnetId);
        properties.put("enableAcceleratedNetworking", acceleratedNetworking);
        return nic;
    }

    public static ObjectNode vm(String name, LaunchCandidate candidate, String nicId, String imageId, String customData,
                                AKSNodeClass nodeClass, Map<String, String> tags, AzureConfig config) {
        ObjectNode vm = ArmClient.JSON.createObjectNode();
        vm.put("location", config.location());
        ArrayNode zones = vm.putArray("zones");
        AzureInstanceTypes.armZones(candidate.offering().zone()).forEach(zones::add);
        if (zones.isEmpty()) {
            vm.remove("zones");
        }
        putTags(vm, tags);
        ObjectNode properties = vm.putObject("properties");
        properties.putObject("hardwareProfile").put("vmSize", candidate.instanceType().name());
        if (Offering.SPOT.equals(candidate.offering().capacityType())) {
            properties.put("priority", "Spot");
            properties.put("evictionPolicy", "Delete");
            properties.putObject("billingProfile").put("maxPrice", -1);
        } else {
            properties.put("priority", "Regular");
        }
        ObjectNode storage = properties.putObject("storageProfile");
        storage.putObject("imageReference").put("communityGalleryImageId", imageId);
        ObjectNode osDisk = storage.putObject("osDisk");
        osDisk.put("createOption", "FromImage");
        osDisk.put("diskSizeGB", nodeClass.getSpec().osDiskSizeGBOrDefault());
        osDisk.put("deleteOption", "Delete");
        boolean premium = Boolean.parseBoolean(candidate.instanceType().labels().get(AzureLabels.SKU_STORAGE_PREMIUM_CAPABLE));
        osDisk.putObject("managedDisk").put("storageAccountType", premium ? "Premium_LRS" : "Standard_LRS");
        ObjectNode os = properties.putObject("osProfile");
        os.put("computerName", name.toLowerCase(Locale.ROOT));
        os.put("adminUsername", ADMIN_USER);
        os.put("customData", customData);
        ObjectNode linux = os.putObject("linuxConfiguration");
        linux.put("disablePasswordAuthentication", true);
        linux.putObject("ssh").putArray("publicKeys").addObject().put("path", "/home/" + ADMIN_USER + "/.ssh/authorized_keys")
                .put("keyData", config.nodeJoin().sshPublicKey());
        ObjectNode nic = properties.putObject("networkProfile").putArray("networkInterfaces").addObject();
        nic.put("id", nicId);
        nic.putObject("properties").put("primary", true).put("deleteOption", "Delete");
        if (nodeClass.getSpec().getSecurity() != null && Boolean.TRUE.equals(nodeClass.getSpec().getSecurity().getEncryptionAtHost())) {
            properties.putObject("securityProfile").put("encryptionAtHost", true);
        }
        List<String> identities = config.nodeSettings().nodeIdentities();
        if (!identities.isEmpty()) {
            ObjectNode identity = vm.putObject("identity");
            identity.put("type", "UserAssigned");
            ObjectNode assigned = identity.putObject("userAssignedIdentities");
            identities.forEach(id -> assigned.putObject(id));
        }
        return vm;
    }

    private static void putTags(ObjectNode resource, Map<String, String> tags) {
        ObjectNode t = resource.putObject("tags");
        tags.forEach(t::put);
    }
}
