package dev.ebbflow.operator.provisioning.provisioner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeSelectorRequirementWithMinValues;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClaimLabelsTest {

    private static final Set<String> CLOUD = Set.of(KarpenterLabels.ZONE, KarpenterLabels.OS, "example.com/family");

    private static NodeSelectorRequirementWithMinValues req(String key, String op, String... values) {
        return new NodeSelectorRequirementWithMinValues(key, op, List.of(values));
    }

    private static Map<String, String> resolve(NodeSelectorRequirementWithMinValues... rs) {
        return ClaimLabels.resolve(List.of(rs), CLOUD, "pool-abcde");
    }

    @Test
    void aSingleValueBecomesTheLabel() {
        assertThat(resolve(req("team", "In", "web"), req("tier", "In", "gold", "silver"), req("tier", "In", "gold")))
                .containsExactly(Map.entry("team", "web"), Map.entry("tier", "gold"));
    }

    @Test
    void severalValuesGiveTheFirstInNameOrderThatNoOtherRequirementExcludes() {
        assertThat(resolve(req("tier", "In", "silver", "gold", "bronze"), req("tier", "NotIn", "bronze"))).containsEntry("tier", "gold");
        assertThat(resolve(req("gen", "In", "3", "7", "9"), req("gen", "Gt", "5"))).containsEntry("gen", "7");
    }

    @Test
    void keysTheCloudSetsAndTheHostnameAreLeftToTheLaunch() {
        assertThat(resolve(req(KarpenterLabels.ZONE, "In", "z1"), req(KarpenterLabels.OS, "In", "linux"),
                req("example.com/family", "In", "c"), req(KarpenterLabels.HOSTNAME, "In", "n1"))).isEmpty();
    }

    @Test
    void aKeyThatMustExistGetsAnIntegerTheRequirementsAllowStableForOneClaim() {
        Map<String, String> exists = resolve(req("company.com/team", "Exists"));
        assertThat(exists.get("company.com/team")).matches("[0-9]+");
        assertThat(resolve(req("company.com/team", "Exists"))).isEqualTo(exists);

        String bounded = resolve(req("gen", "Gt", "4"), req("gen", "Lt", "7"), req("gen", "NotIn", "5")).get("gen");
        assertThat(bounded).isEqualTo("6");
        assertThat(resolve(req("gen", "Gte", "6"), req("gen", "Lte", "6")).get("gen")).isEqualTo("6");
    }

    @Test
    void noLabelWhenTheKeyMustBeAbsentOrNoValueIsLeft() {
        assertThat(resolve(req("spot-only", "DoesNotExist"))).isEmpty();
        assertThat(resolve(req("tier", "In", "gold"), req("tier", "NotIn", "gold"))).isEmpty();
        assertThat(resolve(req("gen", "Gt", "5"), req("gen", "Lt", "6"))).isEmpty();
    }
}
