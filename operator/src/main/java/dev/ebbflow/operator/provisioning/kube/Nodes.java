package dev.ebbflow.operator.provisioning.kube;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import java.util.Set;

/** Pure facts about a Node. */
public final class Nodes {

    /**
     * Taints that a node carries only while it starts (added by admission or the cloud controller,
     * removed by the node lifecycle controller once the node reports Ready, up to a monitor period later).
     */
    public static final Set<String> EPHEMERAL_TAINTS = Set.of("node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable",
            "node.cloudprovider.kubernetes.io/uninitialized");

    private Nodes() {
    }

    /** The kubelet reports the Ready condition True. */
    public static boolean isReady(Node node) {
        if (node.getStatus() == null || node.getStatus().getConditions() == null) {
            return false;
        }
        for (NodeCondition c : node.getStatus().getConditions()) {
            if ("Ready".equals(c.getType())) {
                return "True".equals(c.getStatus());
            }
        }
        return false;
    }
}
