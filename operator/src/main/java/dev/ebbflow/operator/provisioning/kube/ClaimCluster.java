package dev.ebbflow.operator.provisioning.kube;

import dev.ebbflow.crds.karpenter.NodeClaim;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;

/** The NodeClaims, their Nodes and the pods on them, as the informer caches see them now. */
public interface ClaimCluster {

    List<NodeClaim> claims();

    /** The claim's Node, matched by provider ID. */
    Optional<Node> nodeOf(NodeClaim claim);

    List<Pod> podsOn(String nodeName);

    /**
     * Whether every cache has completed its first list: before that, a node whose pods are not
     * listed yet would look empty.
     */
    boolean synced();
}
