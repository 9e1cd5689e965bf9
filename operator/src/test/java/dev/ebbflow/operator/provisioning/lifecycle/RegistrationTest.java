package dev.ebbflow.operator.provisioning.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.NodeClaim;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistrationTest {

    private static NodeClaim claim() {
        NodeClaim c = new NodeClaim();
        c.getMetadata().setName("claim-1");
        c.getMetadata().setUid("claim-uid");
        c.getMetadata().setLabels(Map.of("karpenter.sh/nodepool", "default", "team", "a"));
        c.getSpec().setTaints(List.of(new Taint("NoSchedule", "dedicated", null, "a")));
        c.getSpec().setStartupTaints(List.of(new Taint("NoSchedule", "agent-not-ready", null, null)));
        return c;
    }

    private static Node node(Taint... taints) {
        return new NodeBuilder().withNewMetadata().withName("n").withLabels(Map.of("kubernetes.io/hostname", "n")).endMetadata()
                .withNewSpec().withTaints(taints).endSpec().build();
    }

    @Test
    void syncsLabelsTaintsOwnerAndFinalizerAndDropsTheUnregisteredTaint() {
        Node registered = Registration.registered(claim(), node(new Taint("NoExecute", "karpenter.sh/unregistered", null, null)));

        assertThat(registered.getMetadata().getLabels()).containsEntry("team", "a").containsEntry("karpenter.sh/registered", "true")
                .containsEntry("kubernetes.io/hostname", "n");
        assertThat(registered.getSpec().getTaints()).extracting(Taint::getKey).containsExactlyInAnyOrder("dedicated", "agent-not-ready");
        assertThat(registered.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getKind()).isEqualTo("NodeClaim");
            assertThat(o.getApiVersion()).isEqualTo("karpenter.sh/v1");
            assertThat(o.getUid()).isEqualTo("claim-uid");
            assertThat(o.getBlockOwnerDeletion()).isTrue();
        });
        assertThat(registered.getMetadata().getFinalizers()).containsExactly("karpenter.sh/termination");
    }

    @Test
    void startupTaintsAreNotPutBackOnAnAlreadyRegisteredNode() {
        Node registered = Registration.registered(claim(), node(new Taint("NoSchedule", "dedicated", null, "a")));
        assertThat(registered.getSpec().getTaints()).extracting(Taint::getKey).containsExactly("dedicated");
    }

    @Test
    void isIdempotent() {
        Node once = Registration.registered(claim(), node());
        Node twice = Registration.registered(claim(), once);
        assertThat(twice).isEqualTo(once);
    }
}
