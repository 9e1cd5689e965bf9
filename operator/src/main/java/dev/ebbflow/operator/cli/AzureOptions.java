package dev.ebbflow.operator.cli;

import dev.ebbflow.provisioner.azure.AksNodeJoin;
import dev.ebbflow.provisioner.azure.AksNodeSettings;
import dev.ebbflow.provisioner.azure.AzureConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The Azure cloud's options: with a subscription set, NodePools of {@code karpenter.azure.com/AKSNodeClass}
 * launch Azure VMs in the node resource group, with credentials from Azure Identity's default chain
 * (workload identity in AKS). The endpoints and certificate are for private clouds and tests.
 */
public final class AzureOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--azure-subscription-id", defaultValue = "${env:AZURE_SUBSCRIPTION_ID:-}", paramLabel = "ID",
            description = "Subscription of the cluster's VMs; enables the Azure cloud (default: $AZURE_SUBSCRIPTION_ID, none).")
    String subscriptionId;

    @Option(names = "--azure-resource-group", defaultValue = "${env:AZURE_RESOURCE_GROUP:-}", paramLabel = "NAME",
            description = "Resource group of the AKS cluster (default: $AZURE_RESOURCE_GROUP).")
    String resourceGroup;

    @Option(names = "--azure-node-resource-group", defaultValue = "${env:AZURE_NODE_RESOURCE_GROUP:-}", paramLabel = "NAME",
            description = "Resource group where nodes' VMs and NICs are created, e.g. MC_<group>_<cluster>_<region> (default: $AZURE_NODE_RESOURCE_GROUP).")
    String nodeResourceGroup;

    @Option(names = "--azure-location", defaultValue = "${env:AZURE_LOCATION:-}", paramLabel = "REGION",
            description = "Azure region of the cluster, e.g. westeurope (default: $AZURE_LOCATION).")
    String location;

    @Option(names = "--azure-vnet-subnet-id", defaultValue = "${env:AZURE_VNET_SUBNET_ID:-}", paramLabel = "ID",
            description = "Subnet of nodes' NICs when an AKSNodeClass sets no vnetSubnetID (default: $AZURE_VNET_SUBNET_ID).")
    String vnetSubnetId;

    @Option(names = "--azure-node-image-version", defaultValue = "", paramLabel = "VERSION",
            description = "Pins the AKS node image release new nodes boot, e.g. 202511.07.0; changing it drifts older nodes "
                    + "(default: the newest release in AKS's community galleries, read again every 12 h).")
    String nodeImageVersion;

    @Option(names = "--azure-cluster-endpoint", defaultValue = "${env:CLUSTER_ENDPOINT:-}", paramLabel = "URL",
            description = "API server URL new nodes register with (default: $CLUSTER_ENDPOINT).")
    String clusterEndpoint;

    // Karpenter's AKS provider reads these from the same variables; the chart sets the token's from a Secret.
    @Option(names = "--azure-kubelet-bootstrap-token", defaultValue = "${env:KUBELET_BOOTSTRAP_TOKEN:-}", paramLabel = "TOKEN",
            description = "Bootstrap token (<id>.<secret>) new nodes' kubelets join with; prefer $KUBELET_BOOTSTRAP_TOKEN from a Secret "
                    + "to the command line (default: $KUBELET_BOOTSTRAP_TOKEN).")
    String kubeletBootstrapToken;

    @Option(names = "--azure-ssh-public-key", defaultValue = "${env:SSH_PUBLIC_KEY:-}", paramLabel = "KEY",
            description = "OpenSSH public key of new nodes' azureuser (default: $SSH_PUBLIC_KEY).")
    String sshPublicKey;

    @Option(names = "--azure-cluster-ca-file", paramLabel = "FILE",
            description = "PEM CA new nodes verify the API server with (default: the CA the operator's Kubernetes client trusts, "
                    + "in a pod the service account's ca.crt).")
    Path clusterCaFile;

    @Option(names = "--azure-tenant-id", defaultValue = "${env:AZURE_TENANT_ID:-}", paramLabel = "ID",
            description = "Tenant written into new nodes' /etc/kubernetes/azure.json (default: $AZURE_TENANT_ID, which workload identity sets).")
    String tenantId;

    @Option(names = "--azure-cluster-dns", defaultValue = AksNodeSettings.DEFAULT_CLUSTER_DNS, paramLabel = "IP",
            description = "Cluster DNS service IP new nodes' kubelets give pods, the cluster's dnsServiceIP (default ${DEFAULT-VALUE}, AKS's).")
    String clusterDns;

    @Option(names = "--azure-kubelet-identity-client-id", defaultValue = "${env:KUBELET_IDENTITY_CLIENT_ID:-}", paramLabel = "ID",
            description = "Client ID of the cluster's kubelet managed identity, written into new nodes' azure.json and label "
                    + "kubernetes.azure.com/kubelet-identity-client-id (default: $KUBELET_IDENTITY_CLIENT_ID, none).")
    String kubeletIdentityClientId;

    @Option(names = "--azure-network-dataplane", defaultValue = "${env:NETWORK_DATAPLANE:-cilium}", paramLabel = "cilium|azure",
            description = "The cluster's network dataplane; cilium labels new nodes kubernetes.azure.com/ebpf-dataplane=cilium for AKS's "
                    + "Cilium DaemonSet (default: $NETWORK_DATAPLANE, else cilium).")
    String networkDataplane;

    @Option(names = "--azure-vnet-guid", defaultValue = "${env:VNET_GUID:-}", paramLabel = "GUID",
            description = "Resource GUID of the nodes' virtual network, labelled kubernetes.azure.com/nodenetwork-vnetguid for Azure CNI "
                    + "(default: $VNET_GUID, none).")
    String vnetGuid;

    @Option(names = "--azure-node-identities", defaultValue = "${env:NODE_IDENTITIES:-}", split = ",", paramLabel = "ID",
            description = "Resource IDs of user-assigned managed identities every node VM gets, e.g. the kubelet identity; the operator's "
                    + "identity needs Managed Identity Operator on them (default: $NODE_IDENTITIES, none).")
    java.util.List<String> nodeIdentities;

    @Option(names = "--azure-endpoint", defaultValue = "https://management.azure.com", paramLabel = "URL",
            description = "Azure Resource Manager endpoint (default ${DEFAULT-VALUE}).")
    URI armEndpoint;

    @Option(names = "--azure-prices-endpoint", defaultValue = "https://prices.azure.com", paramLabel = "URL",
            description = "Azure retail prices API endpoint (default ${DEFAULT-VALUE}).")
    URI pricesEndpoint;

    @Option(names = "--azure-ca-certificate", paramLabel = "FILE",
            description = "PEM certificates the Azure endpoints are trusted by, instead of the JVM's CAs (default: none).")
    Path caCertificate;

    /** The Azure cloud's settings, or empty when no subscription is set; a missing or bad value is a usage error naming the option. */
    public Optional<AzureConfig> config(String clusterName) {
        return config(clusterName, ClusterCa::ofKubernetesClient);
    }

    /** @param clientCa the CA the operator's Kubernetes client trusts, read only when {@code --azure-cluster-ca-file} is not given */
    Optional<AzureConfig> config(String clusterName, java.util.function.Supplier<Optional<String>> clientCa) {
        if (subscriptionId == null || subscriptionId.isBlank()) {
            return Optional.empty();
        }
        require("--azure-node-resource-group", nodeResourceGroup);
        require("--azure-location", location);
        require("--cluster-name", clusterName);
        if (!"https".equals(armEndpoint.getScheme()) || !"https".equals(pricesEndpoint.getScheme())) {
            throw usage("--azure-endpoint and --azure-prices-endpoint must be https URLs (Azure's bearer tokens are never sent in the clear)");
        }
        if (caCertificate != null && !Files.isReadable(caCertificate)) {
            throw usage("--azure-ca-certificate: cannot read " + caCertificate);
        }
        return Optional.of(new AzureConfig(subscriptionId, resourceGroup, nodeResourceGroup, location, clusterName, vnetSubnetId,
                nodeImageVersion, clusterEndpoint, armEndpoint, pricesEndpoint, AzureConfig.DEFAULT_CATALOG_REFRESH, nodeJoin(clientCa),
                nodeSettings()));
    }

    private AksNodeSettings nodeSettings() {
        AksNodeSettings.clusterDnsProblem(clusterDns).ifPresent(p -> {
            throw usage("--azure-cluster-dns: " + p);
        });
        if (!java.util.Set.of("cilium", "azure").contains(networkDataplane)) {
            throw usage("--azure-network-dataplane: '" + networkDataplane + "' is neither cilium nor azure");
        }
        List<String> identities = nodeIdentities == null ? List.of() : nodeIdentities;
        identities.stream().filter(id -> !id.isBlank()).map(AksNodeSettings::identityProblem).flatMap(Optional::stream).findFirst().ifPresent(p -> {
            throw usage("--azure-node-identities: " + p);
        });
        return new AksNodeSettings(tenantId, clusterDns, kubeletIdentityClientId, networkDataplane, vnetGuid, identities);
    }

    private AksNodeJoin nodeJoin(java.util.function.Supplier<Optional<String>> clientCa) {
        String ca;
        if (clusterCaFile != null) {
            try {
                ca = Files.readString(clusterCaFile);
            } catch (java.io.IOException e) {
                throw usage("--azure-cluster-ca-file: cannot read " + clusterCaFile + ": " + e.getMessage());
            }
        } else {
            ca = clientCa.get().orElseThrow(() -> usage("--azure-cluster-ca-file is required: the Kubernetes client's configuration names no CA"));
        }
        // Each check names its option; none quotes the value, so the token never reaches a message.
        AksNodeJoin.tokenProblem(kubeletBootstrapToken).ifPresent(p -> {
            throw usage("--azure-kubelet-bootstrap-token (or $KUBELET_BOOTSTRAP_TOKEN): " + p);
        });
        AksNodeJoin.caProblem(ca).ifPresent(p -> {
            throw usage((clusterCaFile == null ? "the Kubernetes client's CA" : "--azure-cluster-ca-file " + clusterCaFile) + ": " + p);
        });
        AksNodeJoin.sshKeyProblem(sshPublicKey).ifPresent(p -> {
            throw usage("--azure-ssh-public-key (or $SSH_PUBLIC_KEY): " + p);
        });
        return new AksNodeJoin(kubeletBootstrapToken, ca, sshPublicKey);
    }

    public Optional<Path> caCertificate() {
        return Optional.ofNullable(caCertificate);
    }

    private void require(String option, String value) {
        if (value == null || value.isBlank()) {
            throw usage(option + " is required with --azure-subscription-id");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
