package dev.ebbflow.provisioner.azure;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What new nodes need to know about the cluster beyond how to join it, as AKS's Karpenter provider takes
 * it from its options: the tenant (written into {@code /etc/kubernetes/azure.json}), the cluster DNS
 * service IP the kubelet hands to pods ({@code --cluster-dns}; AKS's default service CIDR puts it at
 * 10.0.0.10), the client ID of the kubelet's managed identity (azure.json's {@code userAssignedIdentityID}
 * and a node label; none when the cluster has none), the network dataplane ({@code cilium} labels nodes
 * for AKS's Cilium DaemonSet), the virtual network's resource GUID (a node label Azure CNI reads) and
 * the user-assigned managed identities every node VM gets (the kubelet identity among them, so that the
 * node can get tokens as it). None of these is a secret.
 */
public record AksNodeSettings(String tenantId, String clusterDns, String kubeletIdentityClientId, String networkDataplane, String vnetGuid,
                              List<String> nodeIdentities) {

    public static final String DEFAULT_CLUSTER_DNS = "10.0.0.10";
    public static final String CILIUM = "cilium";
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IDENTITY = Pattern.compile(
            "(?i)/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.ManagedIdentity/userAssignedIdentities/[^/]+");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*");
    // After the patterns, which its constructor checks with.
    public static final AksNodeSettings DEFAULTS = new AksNodeSettings(null, DEFAULT_CLUSTER_DNS, null, CILIUM, null, List.of());

    /** @throws IllegalArgumentException naming the setting that is wrong */
    public AksNodeSettings {
        tenantId = blankToNull(tenantId);
        kubeletIdentityClientId = blankToNull(kubeletIdentityClientId);
        vnetGuid = blankToNull(vnetGuid);
        networkDataplane = Objects.requireNonNullElse(blankToNull(networkDataplane), CILIUM);
        clusterDns = Objects.requireNonNullElse(blankToNull(clusterDns), DEFAULT_CLUSTER_DNS);
        clusterDnsProblem(clusterDns).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        nodeIdentities = nodeIdentities == null ? List.of() : nodeIdentities.stream().filter(id -> id != null && !id.isBlank()).map(String::trim).toList();
        nodeIdentities.stream().map(AksNodeSettings::identityProblem).flatMap(Optional::stream).findFirst().ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
    }

    /** What is wrong with a node identity, if anything: ARM takes user-assigned identities by resource ID. */
    public static Optional<String> identityProblem(String id) {
        return IDENTITY.matcher(id.trim()).matches() ? Optional.empty()
                : Optional.of("'" + id + "' is not a user-assigned identity's resource ID "
                        + "(/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<name>)");
    }

    /** What is wrong with a cluster DNS address, if anything: the kubelet takes IP addresses only. */
    public static Optional<String> clusterDnsProblem(String address) {
        for (String one : address.split(",")) {
            if (!IPV4.matcher(one).matches() && !IPV6.matcher(one).matches()) {
                return Optional.of("the cluster DNS '" + one + "' is not an IP address");
            }
        }
        return Optional.empty();
    }

    public Optional<String> tenant() {
        return Optional.ofNullable(tenantId);
    }

    public Optional<String> kubeletIdentity() {
        return Optional.ofNullable(kubeletIdentityClientId);
    }

    public Optional<String> vnet() {
        return Optional.ofNullable(vnetGuid);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
