package dev.ebbflow.provisioner.scheduling.karpenter;

import static dev.ebbflow.provisioner.scheduling.karpenter.Scenario.scenario;
import static dev.ebbflow.provisioner.scheduling.karpenter.World.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.provisioner.scheduling.MinValuesPolicy;
import dev.ebbflow.provisioner.scheduling.Operator;
import dev.ebbflow.provisioner.scheduling.PoolTemplate;
import dev.ebbflow.provisioner.scheduling.Requirement;
import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import dev.ebbflow.provisioner.scheduling.Scheduler;
import dev.ebbflow.provisioner.scheduling.SchedulingInput;
import dev.ebbflow.provisioner.scheduling.SchedulingResult;
import dev.ebbflow.provisioner.scheduling.WellKnownLabels;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.DynamicTest;

/** Karpenter's minValues: a floor on how many distinct values a claim's instance types keep, Strict or BestEffort. */
class MinValuesScenarios {

    private static PoolTemplate flexible(String key, int min) {
        return pool("default", new Requirement(key, Operator.EXISTS, Set.of(), min));
    }

    private static SchedulingResult run(List<SchedulablePod> pods, MinValuesPolicy policy, PoolTemplate pool) {
        return Scheduler.provision(new SchedulingInput(pods, List.of(), List.of(), List.of(pool)).withMinValuesPolicy(policy));
    }

    static Scenario minValuesKeepsThatManyInstanceTypesOnTheClaim() {
        return scenario("minValuesKeepsThatManyInstanceTypesOnTheClaim", List.of(pod("a", "1")), List.of(flexible(WellKnownLabels.INSTANCE_TYPE, 5)), r -> {
            assertThat(typeNames(r.newClaims().get(0))).hasSizeGreaterThanOrEqualTo(5);
        });
    }

    static Scenario minValuesKeepsFlexibilityForALargePod() {
        return scenario("minValuesKeepsFlexibilityForALargePod", List.of(pod("a", "7")), List.of(flexible(WellKnownLabels.INSTANCE_TYPE, 2)), r -> {
            assertThat(typeNames(r.newClaims().get(0))).containsExactlyInAnyOrder("c-8x", "c-16x");
        });
    }

    @Test
    void minValuesThePoolCannotMeetKeepsPodsPendingUnderStrict() {
        assertThat(pending(run(List.of(pod("a", "1")), MinValuesPolicy.STRICT, flexible(FAMILY, 3)))).containsExactly("a");
    }

    @Test
    void minValuesThePoolCannotMeetIsRelaxedUnderBestEffort() {
        SchedulingResult r = run(List.of(pod("a", "1")), MinValuesPolicy.BEST_EFFORT, flexible(FAMILY, 3));
        assertThat(pending(r)).isEmpty();
        assertThat(typeNames(r.newClaims().get(0))).anyMatch(n -> n.startsWith("a-")).anyMatch(n -> n.startsWith("c-"));
    }

    @Test
    void podNarrowingBelowMinValuesStaysPendingUnderStrict() {
        SchedulablePod p = pod("a", "1").withNodeSelector(sel(WellKnownLabels.INSTANCE_TYPE, "c-4x"));
        assertThat(pending(run(List.of(p), MinValuesPolicy.STRICT, flexible(WellKnownLabels.INSTANCE_TYPE, 2)))).containsExactly("a");
    }

    @Test
    void podNarrowingBelowMinValuesSchedulesUnderBestEffort() {
        SchedulablePod p = pod("a", "1").withNodeSelector(sel(WellKnownLabels.INSTANCE_TYPE, "c-4x"));
        SchedulingResult r = run(List.of(p), MinValuesPolicy.BEST_EFFORT, flexible(WellKnownLabels.INSTANCE_TYPE, 2));
        assertThat(typeNames(r.newClaims().get(0))).containsExactly("c-4x");
    }

    @Test
    void minValuesTheTypesCanMeetNeedsNoRelaxing() {
        SchedulingResult r = run(List.of(pod("a", "1")), MinValuesPolicy.STRICT, flexible(FAMILY, 2));
        assertThat(typeNames(r.newClaims().get(0))).anyMatch(n -> n.startsWith("a-")).anyMatch(n -> n.startsWith("c-"));
    }

    @Test
    void bestEffortStillPacksPodsOnOneClaimWhenMinValuesIsUnmet() {
        SchedulingResult r = run(replicas("web", 3, "1"), MinValuesPolicy.BEST_EFFORT, flexible(FAMILY, 3));
        assertThat(r.newClaims()).hasSize(1);
    }

    /** The scenarios the real control plane runs too (module src/test); here the scheduling core decides. */
    static List<Scenario> shared() {
        return List.of(minValuesKeepsThatManyInstanceTypesOnTheClaim(),
                minValuesKeepsFlexibilityForALargePod());
    }

    @TestFactory
    Stream<DynamicTest> sharedScenarios() {
        return Scenario.pure(shared());
    }
}
