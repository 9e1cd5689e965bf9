package dev.ebbflow.provisioner.azure;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the Azure adapter launches: the subscription, the cluster's resource group and its node
 * resource group (where VMs and NICs go), the region, the cluster's name (tagged on every VM), the
 * default subnet of NICs, the node image release pinned for every node class (none: the newest in
 * AKS's community galleries), the cluster endpoint written into bootstrap data, the API endpoints
 * (Azure's public ones unless tests point them at a local server), how often the VM sizes, prices and
 * newest node images are read again, what nodes join with (bootstrap token, cluster CA, SSH key) and
 * what else they are told about the cluster (tenant, cluster DNS, kubelet identity, network).
 */
public record AzureConfig(String subscriptionId, String resourceGroup, String nodeResourceGroup, String location,
                          String clusterName, String defaultSubnetId, String nodeImageVersion, String clusterEndpoint,
                          URI armEndpoint, URI pricesEndpoint, Duration catalogRefresh, AksNodeJoin nodeJoin,
                          AksNodeSettings nodeSettings) {

    public static final URI PUBLIC_ARM = URI.create("https://management.azure.com");
    public static final URI PUBLIC_PRICES = URI.create("https://prices.azure.com");
    public static final Duration DEFAULT_CATALOG_REFRESH = Duration.ofHours(12);

    public AzureConfig {
        Objects.requireNonNull(subscriptionId, "subscription id");
        Objects.requireNonNull(nodeResourceGroup, "node resource group");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(clusterName, "cluster name");
        Objects.requireNonNull(nodeJoin, "node join settings");
        nodeSettings = Objects.requireNonNullElse(nodeSettings, AksNodeSettings.DEFAULTS);
    }

    /** The node image release every node class boots, when one is pinned rather than resolved from the galleries. */
    public java.util.Optional<String> pinnedNodeImageVersion() {
        return nodeImageVersion == null || nodeImageVersion.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(nodeImageVersion.trim());
    }

    /** What the VM size catalog is read from. */
    public AzureCatalog.Source catalogSource() {
        return new AzureCatalog.Source(subscriptionId, location, pricesEndpoint, catalogRefresh);
    }

    String nodeGroupPath() {
        return "/subscriptions/" + subscriptionId + "/resourceGroups/" + nodeResourceGroup;
    }

    String vmPath(String vmName) {
        return nodeGroupPath() + "/providers/Microsoft.Compute/virtualMachines/" + vmName;
    }

    String nicPath(String nicName) {
        return nodeGroupPath() + "/providers/Microsoft.Network/networkInterfaces/" + nicName;
    }
}
