package dev.ebbflow.operator.provisioning.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeClaimResources;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InitializationTest {

    private static NodeClaim claim() {
        NodeClaim c = new NodeClaim();
        c.getSpec().setStartupTaints(List.of(new Taint("NoSchedule", "agent-not-ready", null, null)));
        c.getSpec().setResources(new NodeClaimResources(Map.of("cpu", new Quantity("1"), "nvidia.com/gpu", new Quantity("1"))));
        return c;
    }

    private static Node node(boolean ready, Map<String, Quantity> allocatable, Taint... taints) {
        return new NodeBuilder().withNewMetadata().withName("n").endMetadata().withNewSpec().withTaints(taints).endSpec()
                .withNewStatus().addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .withAllocatable(allocatable).endStatus().build();
    }

    @Test
    void readyWithoutStartupTaintsAndWithRequestedResources() {
        assertThat(Initialization.check(claim(), node(true, Map.of("nvidia.com/gpu", new Quantity("1")))).initialized()).isTrue();
    }

    @Test
    void notReady() {
        assertThat(Initialization.check(claim(), node(false, Map.of("nvidia.com/gpu", new Quantity("1")))).reason()).isEqualTo("NodeNotReady");
    }

    @Test
    void startupTaintStillThere() {
        Initialization.Check c = Initialization.check(claim(), node(true, Map.of("nvidia.com/gpu", new Quantity("1")),
                new Taint("NoSchedule", "agent-not-ready", null, null)));
        assertThat(c.initialized()).isFalse();
        assertThat(c.reason()).isEqualTo("StartupTaintsExist");
        assertThat(c.message()).contains("agent-not-ready");
    }

    @Test
    void readyButTheLifecycleControllerHasNotLiftedNotReadyYet() {
        Initialization.Check c = Initialization.check(claim(), node(true, Map.of("nvidia.com/gpu", new Quantity("1")),
                new Taint("NoSchedule", "node.kubernetes.io/not-ready", null, null)));
        assertThat(c.initialized()).isFalse();
        assertThat(c.reason()).isEqualTo("KnownEphemeralTaintsExist");
        assertThat(c.message()).contains("node.kubernetes.io/not-ready");
    }

    @Test
    void unregisteredTaintStillThere() {
        assertThat(Initialization.check(claim(), node(true, Map.of("nvidia.com/gpu", new Quantity("1")),
                new Taint("NoExecute", "karpenter.sh/unregistered", null, null))).initialized()).isFalse();
    }

    @Test
    void extendedResourceNotYetRegistered() {
        Initialization.Check c = Initialization.check(claim(), node(true, Map.of("nvidia.com/gpu", new Quantity("0"))));
        assertThat(c.reason()).isEqualTo("ResourceNotRegistered");
        assertThat(c.message()).contains("nvidia.com/gpu");
        assertThat(Initialization.check(claim(), node(true, Map.of())).initialized()).isFalse();
    }
}
