package dev.ebbflow.operator.provisioning.nodepool;

import static dev.ebbflow.operator.provisioning.provisioner.Fixtures.nodePool;
import static dev.ebbflow.operator.provisioning.provisioner.Fixtures.withLimits;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.crds.karpenter.NodePoolStatus;
import dev.ebbflow.provisioner.catalog.ResourceList;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodePoolStatusesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final NodePoolUsage EMPTY = new NodePoolUsage(ResourceList.EMPTY, ResourceList.EMPTY, 0);

    @Test
    void readyNeedsValidationAndTheNodeClassAndKeepsItsTransitionTimeWhileItHolds() {
        NodePool pool = nodePool("general");
        pool.getMetadata().setGeneration(3L);
        NodePoolStatus first = NodePoolStatuses.desired(pool, ValidatedNodePool.check(pool), null, true, EMPTY, T0);
        assertThat(NodePoolStatuses.find(first, NodePoolStatuses.READY).getStatus()).isEqualTo("True");
        assertThat(NodePoolStatuses.find(first, NodePoolStatuses.READY).getObservedGeneration()).isEqualTo(3L);
        assertThat(first.getResources()).containsKeys("cpu", "memory", "nodes", "pods", "ephemeral-storage");

        pool.setStatus(first);
        NodePoolStatus later = NodePoolStatuses.desired(pool, ValidatedNodePool.check(pool), null, true, EMPTY, T0.plusSeconds(60));
        assertThat(NodePoolStatuses.find(later, NodePoolStatuses.READY).getLastTransitionTime()).isEqualTo(T0.toString());

        pool.setStatus(later);
        NodePoolStatus broken = NodePoolStatuses.desired(pool, ValidatedNodePool.check(pool),
                "spec.template.spec.nodeClassRef: SimulatedNodeClass x not found", false, EMPTY, T0.plusSeconds(120));
        var ready = NodePoolStatuses.find(broken, NodePoolStatuses.READY);
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getReason()).isEqualTo(NodePoolStatuses.UNHEALTHY_DEPENDENTS_REASON);
        assertThat(ready.getMessage()).isEqualTo("NodeClassReady=False: spec.template.spec.nodeClassRef: SimulatedNodeClass x not found");
        assertThat(ready.getLastTransitionTime()).isEqualTo(T0.plusSeconds(120).toString());
        assertThat(NodePoolStatuses.find(broken, NodePoolStatuses.NODE_CLASS_READY).getReason()).isEqualTo(NodePoolStatuses.NODE_CLASS_NOT_FOUND_REASON);
        assertThat(NodePoolStatuses.find(broken, NodePoolStatuses.VALIDATION_SUCCEEDED).getStatus()).isEqualTo("True");
    }

    @Test
    void limitsExceededAppearsOnlyOnceAUsageReachesItsLimit() {
        NodePool pool = withLimits(nodePool("capped"), Map.of("cpu", "8", "nodes", "3"));
        ValidatedNodePool.Result valid = ValidatedNodePool.check(pool);
        NodePoolUsage below = new NodePoolUsage(ResourceList.EMPTY, ResourceList.ofMilli(Map.of("cpu", 4000L, "nodes", 2000L)), 2);
        NodePoolUsage atNodes = new NodePoolUsage(ResourceList.EMPTY, ResourceList.ofMilli(Map.of("cpu", 6000L, "nodes", 3000L)), 3);

        assertThat(NodePoolStatuses.find(NodePoolStatuses.desired(pool, valid, null, true, below, T0), NodePoolStatuses.LIMITS_EXCEEDED)).isNull();
        var exceeded = NodePoolStatuses.find(NodePoolStatuses.desired(pool, valid, null, true, atNodes, T0), NodePoolStatuses.LIMITS_EXCEEDED);
        assertThat(exceeded.getStatus()).isEqualTo("True");
        assertThat(exceeded.getMessage()).contains("nodes: 3 in use, limit 3");
    }
}
