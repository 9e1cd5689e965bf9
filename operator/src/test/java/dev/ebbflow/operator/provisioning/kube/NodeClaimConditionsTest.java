package dev.ebbflow.operator.provisioning.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.NodeClaim;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NodeClaimConditionsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void transitionTimeKeptWhileTheStatusHolds() {
        NodeClaim c = new NodeClaim();
        NodeClaimConditions.set(c, "Launched", "True", "Launched", "", T0);
        NodeClaimConditions.set(c, "Launched", "True", "Launched", "", T0.plusSeconds(60));
        assertThat(NodeClaimConditions.trueSince(c, "Launched")).hasValue(T0);
        NodeClaimConditions.set(c, "Launched", "False", "X", "m", T0.plusSeconds(90));
        assertThat(NodeClaimConditions.get(c, "Launched").map(Condition::getLastTransitionTime)).hasValue(T0.plusSeconds(90).toString());
        assertThat(c.getStatus().getConditions()).hasSize(1);
    }

    @Test
    void readyFollowsTheFirstConditionThatIsNotTrue() {
        NodeClaim c = new NodeClaim();
        NodeClaimConditions.set(c, "Launched", "True", "Launched", "", T0);
        NodeClaimConditions.set(c, "Registered", "Unknown", "NodeNotFound", "Node not registered with cluster", T0);
        NodeClaimConditions.updateReady(c, T0);
        Condition ready = NodeClaimConditions.get(c, "Ready").orElseThrow();
        assertThat(ready.getStatus()).isEqualTo("Unknown");
        assertThat(ready.getReason()).isEqualTo("NotRegistered");
        assertThat(ready.getMessage()).isEqualTo("Node not registered with cluster");

        NodeClaimConditions.set(c, "Registered", "True", "Registered", "", T0);
        NodeClaimConditions.set(c, "Initialized", "True", "Initialized", "", T0);
        NodeClaimConditions.updateReady(c, T0);
        assertThat(NodeClaimConditions.isTrue(c, "Ready")).isTrue();
    }
}
