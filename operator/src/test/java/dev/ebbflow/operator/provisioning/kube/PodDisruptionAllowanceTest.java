package dev.ebbflow.operator.provisioning.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodDisruptionAllowanceTest {

    private static final Map<String, String> WEB = Map.of("app", "web");

    private static PodDisruptionBudget minAvailable(IntOrString n) {
        return new PodDisruptionBudgetBuilder().withNewMetadata().withName("web").withNamespace("default").endMetadata()
                .withNewSpec().withMinAvailable(n).withNewSelector().withMatchLabels(WEB).endSelector().endSpec().build();
    }

    private static PodDisruptionBudget maxUnavailable(IntOrString n) {
        return new PodDisruptionBudgetBuilder().withNewMetadata().withName("web-max").withNamespace("default").endMetadata()
                .withNewSpec().withMaxUnavailable(n).withNewSelector().withMatchLabels(WEB).endSelector().endSpec().build();
    }

    @Test
    void podsWithoutBudgetAreEvictable() {
        Pod a = TestPods.running("a", Map.of("app", "other"));
        PodDisruptionAllowance.Plan plan = PodDisruptionAllowance.plan(List.of(a), List.of(a), List.of(minAvailable(new IntOrString(5))));
        assertThat(plan.evictable()).containsExactly(a);
    }

    @Test
    void minAvailableLetsOnlyTheSurplusGo() {
        Pod a = TestPods.running("a", WEB);
        Pod b = TestPods.running("b", WEB);
        Pod c = TestPods.running("c", WEB);
        PodDisruptionAllowance.Plan plan = PodDisruptionAllowance.plan(List.of(a, b), List.of(a, b, c), List.of(minAvailable(new IntOrString(2))));
        assertThat(plan.evictable()).containsExactly(a);
        assertThat(plan.blocked()).containsOnlyKeys("default/b");
        assertThat(plan.blocked().get("default/b")).contains("default/web").contains("2 required");
    }

    @Test
    void aTerminatingPodIsUnavailable() {
        Pod a = TestPods.terminating("a", WEB);
        Pod b = TestPods.running("b", WEB);
        PodDisruptionAllowance.Plan plan = PodDisruptionAllowance.plan(List.of(b), List.of(a, b), List.of(maxUnavailable(new IntOrString(1))));
        assertThat(plan.evictable()).isEmpty();
        PodDisruptionAllowance.Plan after = PodDisruptionAllowance.plan(List.of(b), List.of(b), List.of(maxUnavailable(new IntOrString(1))));
        assertThat(after.evictable()).containsExactly(b);
    }

    @Test
    void percentagesRoundUp() {
        // minAvailable 50% of 3 = 2 (rounded up): one of three may go.
        assertThat(PodDisruptionAllowance.desiredHealthy(minAvailable(new IntOrString("50%")), 3)).isEqualTo(2);
        // maxUnavailable 50% of 3 = 2 (rounded up): one must stay.
        assertThat(PodDisruptionAllowance.desiredHealthy(maxUnavailable(new IntOrString("50%")), 3)).isEqualTo(1);
    }

    @Test
    void unhealthyPodsGoWhenTheBudgetIsHealthyOrPolicyAlwaysAllows() {
        Pod sick = TestPods.notReady("sick", WEB);
        Pod a = TestPods.running("a", WEB);
        assertThat(PodDisruptionAllowance.plan(List.of(sick), List.of(sick, a), List.of(minAvailable(new IntOrString(1)))).evictable())
                .containsExactly(sick);
        assertThat(PodDisruptionAllowance.plan(List.of(sick), List.of(sick, a), List.of(minAvailable(new IntOrString(2)))).evictable())
                .isEmpty();
        PodDisruptionBudget always = minAvailable(new IntOrString(2));
        always.getSpec().setUnhealthyPodEvictionPolicy("AlwaysAllow");
        assertThat(PodDisruptionAllowance.plan(List.of(sick), List.of(sick, a), List.of(always)).evictable()).containsExactly(sick);
    }

    @Test
    void aPodUnderTwoBudgetsCannotBeEvicted() {
        Pod a = TestPods.running("a", WEB);
        PodDisruptionAllowance.Plan plan = PodDisruptionAllowance.plan(List.of(a), List.of(a),
                List.of(minAvailable(new IntOrString(0)), maxUnavailable(new IntOrString(1))));
        assertThat(plan.evictable()).isEmpty();
        assertThat(plan.blocked().get("default/a")).contains("more than one");
    }

    @Test
    void budgetsOfOtherNamespacesDoNotApply() {
        Pod a = TestPods.running("a", WEB);
        PodDisruptionBudget elsewhere = minAvailable(new IntOrString(5));
        elsewhere.getMetadata().setNamespace("other");
        assertThat(PodDisruptionAllowance.plan(List.of(a), List.of(a), List.of(elsewhere)).evictable()).containsExactly(a);
    }
}
