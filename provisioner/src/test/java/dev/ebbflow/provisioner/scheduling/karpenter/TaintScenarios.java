package dev.ebbflow.provisioner.scheduling.karpenter;

import static dev.ebbflow.provisioner.scheduling.karpenter.Scenario.scenario;
import static dev.ebbflow.provisioner.scheduling.karpenter.World.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.provisioner.scheduling.SchedulingResult;
import dev.ebbflow.provisioner.scheduling.Taint;
import dev.ebbflow.provisioner.scheduling.Toleration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.DynamicTest;

/** Karpenter's taint and toleration behaviours on NodePools, startup taints and existing nodes. */
class TaintScenarios {

    private static final Taint GPU = taint("gpu", "true", Taint.NO_SCHEDULE);

    static Scenario poolTaintNotToleratedKeepsThePodPending() {
        return scenario("poolTaintNotToleratedKeepsThePodPending", List.of(pod("a", "1")), List.of(pool("gpu").withTaints(List.of(GPU))), r -> {
            assertThat(pending(r)).containsExactly("a");
        });
    }

    static Scenario poolTaintToleratedByEqualSchedules() {
        return scenario("poolTaintToleratedByEqualSchedules", List.of(pod("a", "1").withTolerations(List.of(tolerate("gpu", "true", Taint.NO_SCHEDULE)))), List.of(pool("gpu").withTaints(List.of(GPU))), r -> {
            assertThat(r.newClaims()).hasSize(1);
            assertThat(r.newClaims().get(0).taints()).containsExactly(GPU);
        });
    }

    static Scenario tolerationExistsWithoutKeyToleratesEveryTaint() {
        return scenario("tolerationExistsWithoutKeyToleratesEveryTaint", List.of(pod("a", "1").withTolerations(List.of(new Toleration("", "Exists", null, null)))), List.of(pool("gpu").withTaints(List.of(GPU))), r -> {
            assertThat(r.newClaims()).hasSize(1);
        });
    }

    static Scenario tolerationForAnotherEffectDoesNotTolerate() {
        return scenario("tolerationForAnotherEffectDoesNotTolerate", List.of(pod("a", "1").withTolerations(List.of(tolerate("gpu", "true", Taint.NO_EXECUTE)))), List.of(pool("gpu").withTaints(List.of(GPU))), r -> {
            assertThat(pending(r)).containsExactly("a");
        });
    }

    static Scenario startupTaintsNeedNoToleration() {
        return scenario("startupTaintsNeedNoToleration", List.of(pod("a", "1")), List.of(pool("default").withStartupTaints(List.of(taint("init", "", Taint.NO_SCHEDULE)))), r -> {
            assertThat(r.newClaims()).hasSize(1);
            assertThat(r.newClaims().get(0).startupTaints()).hasSize(1);
        });
    }

    static Scenario preferNoScheduleTaintIsOnlyAPreference() {
        return scenario("preferNoScheduleTaintIsOnlyAPreference", List.of(pod("a", "1")), List.of(pool("soft").withTaints(List.of(taint("soft", "", Taint.PREFER_NO_SCHEDULE)))), r -> {
            assertThat(r.newClaims()).hasSize(1);
        });
    }

    static Scenario intolerantPodSkipsATaintedHeavierPool() {
        return scenario("intolerantPodSkipsATaintedHeavierPool", List.of(pod("a", "1")), List.of(pool("gpu").withTaints(List.of(GPU)).withWeight(10), pool("default")), r -> {
            assertThat(r.newClaims().get(0).nodePool()).isEqualTo("default");
        });
    }

    static Scenario tolerantPodUsesTheTaintedHeavierPool() {
        return scenario("tolerantPodUsesTheTaintedHeavierPool", List.of(pod("a", "1").withTolerations(List.of(tolerate("gpu", null, "")))), List.of(pool("gpu").withTaints(List.of(GPU)).withWeight(10), pool("default")), r -> {
            assertThat(r.newClaims().get(0).nodePool()).isEqualTo("gpu");
        });
    }

    @Test
    void existingNodeWithUntoleratedTaintIsPassedOver() {
        SchedulingResult r = provision(List.of(pod("a", "1")), List.of(node("n1", Z1, 4, Map.of(), List.of(GPU), List.of())), List.of(), pool("default"));
        assertThat(placedOn(r, "a")).isNull();
        assertThat(r.newClaims()).hasSize(1);
    }

    @Test
    void existingNodeWithToleratedTaintIsUsed() {
        SchedulingResult r = provision(List.of(pod("a", "1").withTolerations(List.of(tolerate("gpu", "true", Taint.NO_SCHEDULE)))),
                List.of(node("n1", Z1, 4, Map.of(), List.of(GPU), List.of())), List.of(), pool("default"));
        assertThat(placedOn(r, "a")).isEqualTo("n1");
    }

    static Scenario noExecutePoolTaintNotToleratedKeepsThePodPending() {
        return scenario("noExecutePoolTaintNotToleratedKeepsThePodPending", List.of(pod("a", "1")), List.of(pool("x").withTaints(List.of(taint("x", "", Taint.NO_EXECUTE)))), r -> {
            assertThat(pending(r)).containsExactly("a");
        });
    }

    /** The scenarios the real control plane runs too (module src/test); here the scheduling core decides. */
    static List<Scenario> shared() {
        return List.of(poolTaintToleratedByEqualSchedules(),
                tolerationExistsWithoutKeyToleratesEveryTaint(),
                tolerationForAnotherEffectDoesNotTolerate(),
                startupTaintsNeedNoToleration(),
                preferNoScheduleTaintIsOnlyAPreference(),
                intolerantPodSkipsATaintedHeavierPool(),
                tolerantPodUsesTheTaintedHeavierPool(),
                poolTaintNotToleratedKeepsThePodPending(),
                noExecutePoolTaintNotToleratedKeepsThePodPending());
    }

    @TestFactory
    Stream<DynamicTest> sharedScenarios() {
        return Scenario.pure(shared());
    }
}
