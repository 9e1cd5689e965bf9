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
 * The custom data a VM boots with so that its kubelet joins the cluster as the claim's node: the
 * kubelet's flags (labels, taints, max pods, reservations and the node class's kubelet settings) and
 * the API server it registers with, the cluster CA it trusts the server by, and the bootstrap token it
 * authenticates with until it has its own certificate. The node image's kubelet unit reads
 * {@code /etc/default/kubelet} and the bootstrap kubeconfig, as on AKS nodes.
 */
public final class AksBootstrap {

    /** Where AKS node images' kubelet looks for its bootstrap kubeconfig. */
    static final String BOOTSTRAP_KUBECONFIG = "/var/lib/kubelet/bootstrap-kubeconfig";

    private AksBootstrap() {
    }

    /** The script, base64-encoded as ARM takes {@code osProfile.customData}. */
    public static String customData(NodeClaim launched, LaunchCandidate candidate, AKSNodeClassSpec spec, AzureConfig config) {
        return Base64.getEncoder().encodeToString(script(launched, candidate, spec, config).getBytes(StandardCharsets.UTF_8));
    }

    static String script(NodeClaim launched, LaunchCandidate candidate, AKSNodeClassSpec spec, AzureConfig config) {
        AksNodeJoin join = config.nodeJoin();
        return "#!/bin/bash\n"
                + "# Joins this VM to AKS cluster " + config.clusterName() + " as node " + launched.getMetadata().getName()
                + " (" + spec.imageFamilyOrDefault() + ", " + candidate.instanceType().name() + ")\n"
                + "set -euo pipefail\n"
                + "mkdir -p /etc/kubernetes/certs /var/lib/kubelet\n"
                + "cat > /etc/kubernetes/certs/ca.crt <<'EOF'\n"
                + join.clusterCaPem()
                + "EOF\n"
                + "cat > /etc/default/kubelet <<'EOF'\n"
                + "KUBELET_FLAGS=" + String.join(" ", kubeletFlags(launched, candidate, spec)) + "\n"
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
                + "    certificate-authority: /etc/kubernetes/certs/ca.crt\n"
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

    static List<String> kubeletFlags(NodeClaim launched, LaunchCandidate candidate, AKSNodeClassSpec spec) {
        List<String> flags = new ArrayList<>();
        ResourceList capacity = candidate.instanceType().capacity();
        ResourceList overhead = candidate.instanceType().overhead();
        flags.add("--bootstrap-kubeconfig=" + BOOTSTRAP_KUBECONFIG);
        flags.add("--kubeconfig=/var/lib/kubelet/kubeconfig");
        flags.add("--rotate-certificates=true");
        flags.add("--max-pods=" + capacity.milli(ResourceList.PODS) / 1000);
        flags.add("--node-labels=" + joined(labels(launched)));
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
            flags.add("--register-with-taints=" + t);
        }
        flags.add("--kube-reserved=cpu=" + overhead.milli(ResourceList.CPU) + "m,memory="
                + (overhead.milli(ResourceList.MEMORY) / 1000 - (100L << 20)) / (1L << 20) + "Mi");
        flags.add("--eviction-hard=memory.available<100Mi,nodefs.available<10%");
        AKSKubeletConfiguration kubelet = spec.getKubelet();
        if (kubelet != null) {
            addIfSet(flags, "--cpu-manager-policy", kubelet.getCpuManagerPolicy());
            addIfSet(flags, "--cpu-cfs-quota", kubelet.getCpuCFSQuota());
            addIfSet(flags, "--cpu-cfs-quota-period", kubelet.getCpuCFSQuotaPeriod());
            addIfSet(flags, "--image-gc-high-threshold", kubelet.getImageGCHighThresholdPercent());
            addIfSet(flags, "--image-gc-low-threshold", kubelet.getImageGCLowThresholdPercent());
            addIfSet(flags, "--topology-manager-policy", kubelet.getTopologyManagerPolicy());
            addIfSet(flags, "--allowed-unsafe-sysctls", kubelet.getAllowedUnsafeSysctls() == null ? null : String.join(",", kubelet.getAllowedUnsafeSysctls()));
            addIfSet(flags, "--container-log-max-size", kubelet.getContainerLogMaxSize());
            addIfSet(flags, "--container-log-max-files", kubelet.getContainerLogMaxFiles());
            addIfSet(flags, "--pod-max-pids", kubelet.getPodPidsLimit());
        }
        return flags;
    }

    private static Map<String, String> labels(NodeClaim launched) {
        Map<String, String> labels = new TreeMap<>();
        if (launched.getMetadata().getLabels() != null) {
            labels.putAll(launched.getMetadata().getLabels());
        }
        return labels;
    }

    private static String joined(Map<String, String> labels) {
        StringJoiner j = new StringJoiner(",");
        labels.forEach((k, v) -> j.add(k + "=" + v));
        return j.toString();
    }

    private static void addIfSet(List<String> flags, String flag, Object value) {
        if (value != null) {
            flags.add(flag + "=" + value);
        }
    }
}
