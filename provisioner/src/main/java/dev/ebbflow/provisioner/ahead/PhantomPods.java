package dev.ebbflow.provisioner.ahead;

import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.provisioner.scheduling.Placement;
import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What a provisioning batch asks of provisioning ahead: phantom pods to place with the real ones. */
public interface PhantomPods {

    /** Provisioning ahead turned off. */
    PhantomPods NONE = new PhantomPods() {
        @Override
        public List<SchedulablePod> phantoms(List<Pod> pods, Instant now) {
            return List.of();
        }

        @Override
        public void placed(Map<String, Set<String>> byClaim, List<Placement> onExistingNodes, List<NodeClaim> created) {
        }

        @Override
        public Set<String> holding(Instant now) {
            return Set.of();
        }
    };

    /** The phantom pods for this batch, given the cluster's pods now (real pods take phantoms' places). */
    List<SchedulablePod> phantoms(List<Pod> pods, Instant now);

    /**
     * Where the batch put them.
     *
     * @param byClaim the keys of the pods each in-flight or new NodeClaim holds, by claim name
     * @param onExistingNodes the pods placed on existing nodes
     * @param created the NodeClaims this batch created
     */
    void placed(Map<String, Set<String>> byClaim, List<Placement> onExistingNodes, List<NodeClaim> created);

    /** Nodes and NodeClaims whose room phantom pods still wait for: disruption leaves them be, as it does nominated ones. */
    Set<String> holding(Instant now);
}
