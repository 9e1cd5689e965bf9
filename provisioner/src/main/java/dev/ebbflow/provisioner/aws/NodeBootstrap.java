package dev.ebbflow.provisioner.aws;

import dev.ebbflow.crds.karpenter.aws.KubeletConfiguration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * What a node needs to join the cluster, whatever the AMI family: the cluster's name, endpoint, CA
 * bundle and service CIDR, the pod limit, the labels and taints it registers with, the kubelet
 * settings, and the user's own user data to merge.
 *
 * @param taints {@code key=value:Effect} or {@code key:Effect}, in order
 */
record NodeBootstrap(String clusterName, String clusterEndpoint, String caBundle, String serviceCidr, long maxPods,
                     SortedMap<String, String> labels, List<String> taints, KubeletConfiguration kubelet, String userData) {

    Map<String, String> kubeReserved() {
        return kubelet == null || kubelet.getKubeReserved() == null ? Map.of() : kubelet.getKubeReserved();
    }

    Map<String, String> systemReserved() {
        return kubelet == null || kubelet.getSystemReserved() == null ? Map.of() : kubelet.getSystemReserved();
    }

    Map<String, String> evictionHard() {
        return kubelet == null || kubelet.getEvictionHard() == null ? Map.of() : kubelet.getEvictionHard();
    }

    List<String> clusterDns() {
        return kubelet == null || kubelet.getClusterDNS() == null ? List.of() : kubelet.getClusterDNS();
    }

    String labelsFlag() {
        StringBuilder sb = new StringBuilder();
        labels.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return sb.toString();
    }
}
