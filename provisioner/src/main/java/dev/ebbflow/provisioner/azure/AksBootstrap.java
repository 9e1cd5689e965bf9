package dev.ebbflow.provisioner.azure;

import dev.ebbflow.crds.azure.AKSKubeletConfiguration;
import dev.ebbflow.crds.azure.AKSNodeClassSpec;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.provisioner.catalog.ResourceList;
import dev.ebbflow.provisioner.cloud.LaunchCandidate;
import io.fabric8.kubernetes.api.model.Taint;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The custom data a VM boots with so that its kubelet joins the cluster as the claim's node, as AKS's
 * Karpenter provider bootstraps nodes without a custom script extension: the cluster CA, the cloud
 * configuration {@code /etc/kubernetes/azure.json}, the kernel settings the kubelet insists on, the
 * kubelet's flags (AKS's defaults: external cloud provider, cluster DNS, webhook authentication and
 * authorization, no anonymous or read-only access; then the claim's labels and taints, max pods,
 * reservations and the node class's kubelet settings) and the bootstrap kubeconfig with the API server
 * and the token the kubelet authenticates with until it has its own certificate. The node image's
 * kubelet unit reads {@code /etc/default/kubelet} and the bootstrap kubeconfig, as on AKS nodes.
 */
public final class AksBootstrap {

    /** Where AKS node images' kubelet looks for its bootstrap kubeconfig. */
    static final String BOOTSTRAP_KUBECONFIG = "/var/lib/kubelet/bootstrap-kubeconfig";
    static final String CLUSTER_CA = "/etc/kubernetes/certs/ca.crt";

    /** AKS's kubelet TLS cipher suites: ECDHE with AES-GCM or ChaCha20 first, then the RSA AES-GCM ones. */
    private static final String TLS_CIPHER_SUITES = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,"
            + "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305,"
            + "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_RSA_WITH_AES_256_GCM_SHA384,TLS_RSA_WITH_AES_128_GCM_SHA256";

    /**
     * The kernel tunables a kubelet started with {@code --protect-kernel-defaults} checks and refuses to
     * run without; AKS's provisioning scripts set them, and nothing else here would.
     */
    private static final String KERNEL_DEFAULTS = "vm.overcommit_memory=1\nvm.panic_on_oom=0\nkernel.panic=10\nkernel.panic_on_oops=1\n"
            + "kernel.keys.root_maxkeys=1000000\nkernel.keys.root_maxbytes=25000000\n";

    private AksBootstrap() {
    }

    /** The script, base64-encoded as ARM takes {@code osProfile.customData}. */
    public static String customData(NodeClaim launched, LaunchCandidate candidate, AKSNodeClassSpec spec, String subnetId, AzureConfig config) {
        return Base64.getEncoder().encodeToString(script(launched, candidate, spec, subnetId, config).getBytes(StandardCharsets.UTF_8));
    }

    static String script(NodeClaim launched, LaunchCandidate candidate, AKSNodeClassSpec spec, String subnetId, AzureConfig config) {
        AksNodeJoin join = config.nodeJoin();
        return "#!/bin/bash\n"
                + "# Joins this VM to AKS cluster " + config.clusterName() + " as node " + launched.getMetadata().getName()
                + " (" + spec.imageFamilyOrDefault() + ", " + candidate.instanceType().name() + ")\n"
                + "set -euo pipefail\n"
                + "mkdir -p /etc/kubernetes/certs /etc/kubernetes/manifests /var/lib/kubelet\n"
                + "cat > " + CLUSTER_CA + " <<'EOF'\n"
                + join.clusterCaPem()
                + "EOF\n"
                // Root-only, as AKS writes it: it names the identity the node's Azure components act as.
                + "(umask 077; cat > " + AksCloudConfig.PATH + " <<'EOF'\n"
                + AksCloudConfig.json(config, subnetId)
                + "EOF\n"
                + ")\n"
                + "cat > /etc/sysctl.d/90-kubelet.conf <<'EOF'\n"
                + KERNEL_DEFAULTS
                + "EOF\n"
                + "sysctl -p /etc/sysctl.d/90-kubelet.conf >/dev/null\n"
                + "cat > /etc/default/kubelet <<'EOF'\n"
                + "KUBELET_FLAGS=" + String.join(" ", kubeletFlags(launched, candidate, spec, config.nodeSettings())) + "\n"
                + "EOF\n"
                // The kubelet trades the bootstrap token for its own client certificate (TLS bootstrapping);
                // only root may read the file that holds it.
                + "(umask 077; cat > " + BOOTSTRAP_KUBECONFIG + " <<'EOF'\n"
                + "apiVersion: v1\n"
                + "kind: Config\n"
                + "clusters:\n"
                + "- name: " + config.clusterName() + "\n"
                + "  cluster:\n"
                + "    server: " + config.clusterEndpoint() + "\n"
                + "    certificate-authority: " + CLUSTER_CA + "\n"
                + "users:\n"
                + "- name: kubelet-bootstrap\n"
                + "  user:\n"
                + "    token: \"" + join.bootstrapToken() + "\"\n"
                + "contexts:\n"
                + "- name: bootstrap\n"
                + "  context: {cluster: " + config.clusterName() + ", user: kubelet-bootstrap}\n"
                + "current-context: bootstrap\n"
                + "EOF\n"
                + ")\n"
                + "systemctl enable --now kubelet\n";
    }

    /** The kubelet's flags, sorted by name: AKS's defaults, then what the claim, its instance type and the node class say. */
    static List<String> kubeletFlags(NodeClaim launched, LaunchCandidate candidate, AKSNodeClassSpec spec, AksNodeSettings settings) {
        Map<String, String> flags = new TreeMap<>();
        ResourceList capacity = candidate.instanceType().capacity();
        ResourceList overhead = candidate.instanceType().overhead();
        flags.put("--address", "0.0.0.0");
        flags.put("--anonymous-auth", "false");
        flags.put("--authentication-token-webhook", "true");
        flags.put("--authorization-mode", "Webhook");
        flags.put("--bootstrap-kubeconfig", BOOTSTRAP_KUBECONFIG);
        flags.put("--cgroups-per-qos", "true");
        flags.put("--client-ca-file", CLUSTER_CA);
        flags.put("--cloud-provider", "external");
        flags.put("--cluster-dns", settings.clusterDns());
        flags.put("--cluster-domain", "cluster.local");
        flags.put("--enforce-node-allocatable", "pods");
        flags.put("--event-qps", "0");
        // AksAllocatable's thresholds: what the instance type's allocatable was computed with.
        flags.put("--eviction-hard", "memory.available<100Mi,nodefs.available<10%,nodefs.inodesFree<5%");
        flags.put("--image-gc-high-threshold", "85");
        flags.put("--image-gc-low-threshold", "80");
        flags.put("--kube-reserved", "cpu=" + overhead.milli(ResourceList.CPU) + "m,memory="
                + (overhead.milli(ResourceList.MEMORY) / 1000 - (100L << 20)) / (1L << 20) + "Mi");
        flags.put("--kubeconfig", "/var/lib/kubelet/kubeconfig");
        flags.put("--max-pods", Long.toString(capacity.milli(ResourceList.PODS) / 1000));
        flags.put("--node-labels", joined(kubeletLabels(launched)));
        flags.put("--node-status-update-frequency", "10s");
        flags.put("--pod-manifest-path", "/etc/kubernetes/manifests");
        flags.put("--pod-max-pids", "-1");
        flags.put("--protect-kernel-defaults", "true");
        flags.put("--read-only-port", "0");
        flags.put("--resolv-conf", "/run/systemd/resolve/resolv.conf");
        flags.put("--rotate-certificates", "true");
        flags.put("--streaming-connection-idle-timeout", "4h");
        flags.put("--tls-cipher-suites", TLS_CIPHER_SUITES);
        List<Taint> taints = new ArrayList<>();
        if (launched.getSpec().getTaints() != null) {
            taints.addAll(launched.getSpec().getTaints());
        }
        if (launched.getSpec().getStartupTaints() != null) {
            taints.addAll(launched.getSpec().getStartupTaints());
        }
        if (!taints.isEmpty()) {
            StringJoiner t = new StringJoiner(",");
            taints.forEach(taint -> t.add(taint.getKey() + (taint.getValue() == null ? "" : "=" + taint.getValue()) + ":" + taint.getEffect()));
            flags.put("--register-with-taints", t.toString());
        }
        AKSKubeletConfiguration kubelet = spec.getKubelet();
        if (kubelet != null) {
            putIfSet(flags, "--cpu-manager-policy", kubelet.getCpuManagerPolicy());
            putIfSet(flags, "--cpu-cfs-quota", kubelet.getCpuCFSQuota());
            putIfSet(flags, "--cpu-cfs-quota-period", kubelet.getCpuCFSQuotaPeriod());
            putIfSet(flags, "--image-gc-high-threshold", kubelet.getImageGCHighThresholdPercent());
            putIfSet(flags, "--image-gc-low-threshold", kubelet.getImageGCLowThresholdPercent());
            putIfSet(flags, "--topology-manager-policy", kubelet.getTopologyManagerPolicy());
            putIfSet(flags, "--allowed-unsafe-sysctls", kubelet.getAllowedUnsafeSysctls() == null ? null : String.join(",", kubelet.getAllowedUnsafeSysctls()));
            putIfSet(flags, "--container-log-max-size", kubelet.getContainerLogMaxSize());
            putIfSet(flags, "--container-log-max-files", kubelet.getContainerLogMaxFiles());
            putIfSet(flags, "--pod-max-pids", kubelet.getPodPidsLimit());
        }
        List<String> out = new ArrayList<>();
        flags.forEach((flag, value) -> out.add(flag + "=" + value));
        return out;
    }

    /** The launched claim's labels the kubelet may set itself; the rest reach the Node from the claim when it registers. */
    static Map<String, String> kubeletLabels(NodeClaim launched) {
        Map<String, String> labels = new TreeMap<>();
        if (launched.getMetadata().getLabels() != null) {
            launched.getMetadata().getLabels().forEach((k, v) -> {
                if (AksNodeLabels.kubeletMaySet(k)) {
                    labels.put(k, v);
                }
            });
        }
        return labels;
    }

    private static String joined(Map<String, String> labels) {
        StringJoiner j = new StringJoiner(",");
        labels.forEach((k, v) -> j.add(k + "=" + v));
        return j.toString();
    }

    private static void putIfSet(Map<String, String> flags, String flag, Object value) {
        if (value != null) {
            flags.put(flag, String.valueOf(value));
        }
    }
}
