package dev.ebbflow.operator.provisioning.provisioner;

import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodePool;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.List;

/** The objects one provisioning run looks at, as read from the informer caches at one moment. */
public record ClusterSnapshot(List<Pod> pods, List<Node> nodes, List<NodeClaim> nodeClaims, List<NodePool> nodePools, List<DaemonSet> daemonSets) {

    public ClusterSnapshot {
        pods = List.copyOf(pods);
        nodes = List.copyOf(nodes);
        nodeClaims = List.copyOf(nodeClaims);
        nodePools = List.copyOf(nodePools);
        daemonSets = List.copyOf(daemonSets);
    }
}
