package dev.ebbflow.provisioner.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequirementsTest {

    private static Requirement req(String key, Operator op, String... values) {
        return new Requirement(key, op, Set.of(values), null);
    }

    @Test
    void inIntersectsWithNotIn() {
        Requirements r = Requirements.of(Requirement.in("zone", "a", "b", "c")).and(Requirements.of(Requirement.notIn("zone", "b")));
        assertThat(r.get("zone").finiteValues()).containsExactlyInAnyOrder("a", "c");
        assertThat(r.allows("zone", "b")).isFalse();
        assertThat(r.allows("zone", "a")).isTrue();
    }

    @Test
    void disjointInSetsAreIncompatible() {
        Requirements node = Requirements.of(Requirement.in("zone", "a"));
        assertThat(node.incompatibility(Requirements.of(Requirement.in("zone", "b")), Set.of())).contains("zone");
        assertThat(node.incompatibility(Requirements.of(Requirement.in("zone", "a", "b")), Set.of())).isNull();
    }

    @Test
    void numericOperatorsBoundValues() {
        Requirements gt = Requirements.of(req("cpu", Operator.GT, "4"));
        assertThat(gt.allows("cpu", "5")).isTrue();
        assertThat(gt.allows("cpu", "4")).isFalse();
        assertThat(gt.allows("cpu", "x")).isFalse();
        Requirements gte = Requirements.of(req("cpu", Operator.GTE, "4"), req("cpu", Operator.LTE, "8"));
        assertThat(gte.allows("cpu", "4")).isTrue();
        assertThat(gte.allows("cpu", "8")).isTrue();
        assertThat(gte.allows("cpu", "9")).isFalse();
        assertThat(Requirements.of(req("cpu", Operator.LT, "4")).allows("cpu", "3")).isTrue();
        assertThat(Requirements.of(req("cpu", Operator.GT, "4"), req("cpu", Operator.LT, "5")).contradiction()).contains("cpu");
    }

    @Test
    void existsAndDoesNotExistGovernAbsentLabels() {
        Requirements exists = Requirements.of(Requirement.exists("gpu"));
        Requirements absent = Requirements.of(Requirement.doesNotExist("gpu"));
        assertThat(exists.matchesLabels(Map.of())).isFalse();
        assertThat(exists.matchesLabels(Map.of("gpu", "t4"))).isTrue();
        assertThat(absent.matchesLabels(Map.of())).isTrue();
        assertThat(absent.matchesLabels(Map.of("gpu", "t4"))).isFalse();
        assertThat(exists.and(absent).contradiction()).isNotNull();
        assertThat(Requirements.of(Requirement.notIn("gpu", "t4")).matchesLabels(Map.of())).isTrue();
    }

    @Test
    void undefinedKeyIsFineOnlyWhenResolvedElsewhereOrAbsenceAllowed() {
        Requirements pool = Requirements.of(Requirement.in(WellKnownLabels.NODEPOOL, "default"));
        Requirements wantsZone = Requirements.of(Requirement.in(WellKnownLabels.ZONE, "a"));
        Requirements wantsTeam = Requirements.of(Requirement.in("team", "x"));
        Requirements avoidsTeam = Requirements.of(Requirement.notIn("team", "x"));
        assertThat(pool.incompatibility(wantsZone, WellKnownLabels.RESOLVED_BY_PROVISIONING)).isNull();
        assertThat(pool.incompatibility(wantsTeam, WellKnownLabels.RESOLVED_BY_PROVISIONING)).contains("team");
        assertThat(pool.incompatibility(avoidsTeam, WellKnownLabels.RESOLVED_BY_PROVISIONING)).isNull();
    }

    @Test
    void minValuesIsKeptThroughIntersection() {
        Requirements r = Requirements.of(new Requirement(WellKnownLabels.INSTANCE_TYPE, Operator.EXISTS, Set.of(), 3))
                .and(Requirements.of(Requirement.in(WellKnownLabels.INSTANCE_TYPE, "a", "b", "c", "d")));
        assertThat(r.get(WellKnownLabels.INSTANCE_TYPE).minValues()).isEqualTo(3);
        assertThat(r.toList()).extracting(Requirement::minValues).containsExactly(3);
    }

    @Test
    void intersectingWithWhatIsAlreadyImpliedGivesTheSameObject() {
        Requirements zoneA = Requirements.of(Requirement.in(WellKnownLabels.ZONE, "a"), Requirement.in("team", "x"));
        assertThat(zoneA.and(WellKnownLabels.ZONE, ValueSet.single("a"))).isSameAs(zoneA);
        assertThat(zoneA.and(Requirements.of(Requirement.in(WellKnownLabels.ZONE, "a", "b")))).isSameAs(zoneA);
        assertThat(zoneA.and(WellKnownLabels.ZONE, ValueSet.single("b")).get(WellKnownLabels.ZONE).impossible()).isTrue();
        Requirements widened = Requirements.of(Requirement.in(WellKnownLabels.ZONE, "a", "b"));
        assertThat(widened.and(WellKnownLabels.ZONE, ValueSet.single("a")).get(WellKnownLabels.ZONE).finiteValues()).containsExactly("a");
        Requirements orAbsent = Requirements.of(Requirement.notIn("team", "y"));
        assertThat(orAbsent.and(Requirements.of(Requirement.notIn("team", "y")))).as("complements are not judged").isNotSameAs(orAbsent);
        Requirements atLeastTwo = Requirements.of(new Requirement(WellKnownLabels.ZONE, Operator.IN, Set.of("a", "b"), 2));
        assertThat(zoneA.and(atLeastTwo).get(WellKnownLabels.ZONE).minValues()).as("a stricter minValues is kept").isEqualTo(2);
    }

    @Test
    void parsesNodePoolRequirements() {
        List<Requirement> rs = RequirementParser.parse(List.of(
                Map.of("key", WellKnownLabels.ARCH, "operator", "In", "values", List.of("arm64")),
                Map.of("key", "karpenter.k8s.aws/instance-cpu", "operator", "Gt", "values", List.of("3")),
                Map.of("key", WellKnownLabels.INSTANCE_TYPE, "operator", "Exists", "minValues", 2)), "spec.template.spec.requirements");
        assertThat(rs).hasSize(3);
        assertThat(rs.get(0).operator()).isEqualTo(Operator.IN);
        assertThat(rs.get(2).minValues()).isEqualTo(2);
    }

    @Test
    void invalidOperatorNamesTheField() {
        assertThatThrownBy(() -> RequirementParser.parse(List.of(
                Map.of("key", "a", "operator", "In", "values", List.of("x")),
                Map.of("key", "b", "operator", "In", "values", List.of("x")),
                Map.of("key", "c", "operator", "Equals", "values", List.of("x"))), "spec.template.spec.requirements"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("spec.template.spec.requirements[2].operator")
                .hasMessageContaining("Equals");
    }

    @Test
    void minValuesLargerThanValuesIsAnError() {
        assertThatThrownBy(() -> RequirementParser.parse(List.of(
                Map.of("key", WellKnownLabels.INSTANCE_TYPE, "operator", "In", "values", List.of("a", "b"), "minValues", 3)), "spec.template.spec.requirements"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("spec.template.spec.requirements[0].minValues");
    }

    @Test
    void malformedValuesNameTheField() {
        assertThatThrownBy(() -> RequirementParser.parse(List.of(Map.of("key", "a", "operator", "In")), "r"))
                .hasMessageContaining("r[0].values");
        assertThatThrownBy(() -> RequirementParser.parse(List.of(Map.of("key", "a", "operator", "Gt", "values", List.of("x"))), "r"))
                .hasMessageContaining("r[0].values[0]");
        assertThatThrownBy(() -> RequirementParser.parse(List.of(Map.of("key", "a", "operator", "Exists", "values", List.of("x"))), "r"))
                .hasMessageContaining("r[0].values");
        assertThatThrownBy(() -> RequirementParser.parse(List.of(Map.of("operator", "Exists")), "r"))
                .hasMessageContaining("r[0].key");
        assertThatThrownBy(() -> RequirementParser.parse(List.of(Map.of("key", "a", "operator", "Exists", "minValues", 0)), "r"))
                .hasMessageContaining("r[0].minValues");
    }
}
