package dev.ebbflow.provisioner.scheduling.karpenter;

import static dev.ebbflow.provisioner.scheduling.karpenter.World.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.provisioner.scheduling.SchedulingResult;
import dev.ebbflow.provisioner.scheduling.Taint;
import dev.ebbflow.provisioner.scheduling.Toleration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Karpenter's taint and toleration behaviours on NodePools, startup taints and existing nodes. */
class TaintScenarios {

    private static final Taint GPU = taint("gpu", "true", Taint.NO_SCHEDULE);

    @Test
    void poolTaintNotToleratedKeepsThePodPending() {
        assertThat(pending(provision(List.of(pod("a", "1")), pool("gpu").withTaints(List.of(GPU))))).containsExactly("a");
    }

    @Test
    void poolTaintToleratedByEqualSchedules() {
        SchedulingResult r = provision(List.of(pod("a", "1").withTolerations(List.of(tolerate("gpu", "true", Taint.NO_SCHEDULE)))), pool("gpu").withTaints(List.of(GPU)));
        assertThat(r.newClaims()).hasSize(1);
        assertThat(r.newClaims().get(0).taints()).containsExactly(GPU);
    }

    @Test
    void tolerationExistsWithoutKeyToleratesEveryTaint() {
        SchedulingResult r = provision(List.of(pod("a", "1").withTolerations(List.of(new Toleration("", "Exists", null, null)))), pool("gpu").withTaints(List.of(GPU)));
        assertThat(r.newClaims()).hasSize(1);
    }

    @Test
    void tolerationForAnotherEffectDoesNotTolerate() {
        SchedulingResult r = provision(List.of(pod("a", "1").withTolerations(List.of(tolerate("gpu", "true", Taint.NO_EXECUTE)))), pool("gpu").withTaints(List.of(GPU)));
        assertThat(pending(r)).containsExactly("a");
    }

    @Test
    void startupTaintsNeedNoToleration() {
        SchedulingResult r = provision(List.of(pod("a", "1")), pool("default").withStartupTaints(List.of(taint("init", "", Taint.NO_SCHEDULE))));
        assertThat(r.newClaims()).hasSize(1);
        assertThat(r.newClaims().get(0).startupTaints()).hasSize(1);
    }

    @Test
    void preferNoScheduleTaintIsOnlyAPreference() {
        SchedulingResult r = provision(List.of(pod("a", "1")), pool("soft").withTaints(List.of(taint("soft", "", Taint.PREFER_NO_SCHEDULE))));
        assertThat(r.newClaims()).hasSize(1);
    }

    @Test
    void intolerantPodSkipsATaintedHeavierPool() {
        SchedulingResult r = provision(List.of(pod("a", "1")), pool("gpu").withTaints(List.of(GPU)).withWeight(10), pool("default"));
        assertThat(r.newClaims().get(0).nodePool()).isEqualTo("default");
    }

    @Test
    void tolerantPodUsesTheTaintedHeavierPool() {
        SchedulingResult r = provision(List.of(pod("a", "1").withTolerations(List.of(tolerate("gpu", null, "")))),
                pool("gpu").withTaints(List.of(GPU)).withWeight(10), pool("default"));
        assertThat(r.newClaims().get(0).nodePool()).isEqualTo("gpu");
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

    @Test
    void noExecutePoolTaintNotToleratedKeepsThePodPending() {
        assertThat(pending(provision(List.of(pod("a", "1")), pool("x").withTaints(List.of(taint("x", "", Taint.NO_EXECUTE)))))).containsExactly("a");
    }
}
