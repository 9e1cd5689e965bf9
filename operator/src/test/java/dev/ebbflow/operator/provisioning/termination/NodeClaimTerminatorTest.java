package dev.ebbflow.operator.provisioning.termination;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.NodeClaim;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NodeClaimTerminatorTest {

    private static NodeClaim deleted(String terminationGracePeriod) {
        NodeClaim c = new NodeClaim();
        c.getMetadata().setName("c");
        c.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");
        c.getSpec().setTerminationGracePeriod(terminationGracePeriod);
        return c;
    }

    @Test
    void theDrainDeadlineIsTheDeletionPlusTheTerminationGracePeriod() {
        assertThat(NodeClaimTerminator.deadline(deleted("1h30m"))).hasValue(Instant.parse("2026-01-01T01:30:00Z"));
    }

    @Test
    void withoutAGracePeriodOrWithAnUnreadableOneTheDrainHasNoDeadline() {
        assertThat(NodeClaimTerminator.deadline(deleted(null))).isEmpty();
        assertThat(NodeClaimTerminator.deadline(deleted("a while"))).isEmpty();
    }
}
