package dev.ebbflow.operator.provisioning.nodepool;

import static dev.ebbflow.operator.provisioning.provisioner.Fixtures.nodePool;
import static dev.ebbflow.operator.provisioning.provisioner.Fixtures.req;
import static dev.ebbflow.operator.provisioning.provisioner.Fixtures.withLimits;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.provisioner.scheduling.Taint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidatedNodePoolTest {

    @Test
    void aValidPoolMapsRequirementsLabelsTaintsWeightAndLimits() {
        NodePool pool = withLimits(nodePool("general", req("kubernetes.io/arch", "In", "amd64", "arm64")), Map.of("cpu", "100", "memory", "400Gi", "nodes", "10"));
        pool.getSpec().setWeight(30);
        pool.getSpec().getTemplate().getSpec().setTaints(List.of(new io.fabric8.kubernetes.api.model.Taint("NoSchedule", "dedicated", null, "ml")));
        pool.getSpec().getTemplate().getSpec().setStartupTaints(List.of(new io.fabric8.kubernetes.api.model.Taint("NoExecute", "agent", null, null)));
        pool.getSpec().getTemplate().setMetadata(new dev.ebbflow.crds.karpenter.NodeClaimTemplateMetadata());
        pool.getSpec().getTemplate().getMetadata().setLabels(Map.of("team", "ml"));

        ValidatedNodePool.Result result = ValidatedNodePool.check(pool);

        assertThat(result.problems()).isEmpty();
        ValidatedNodePool v = result.pool();
        assertThat(v.weight()).isEqualTo(30);
        assertThat(v.requirements().get("kubernetes.io/arch").finiteValues()).containsExactlyInAnyOrder("amd64", "arm64");
        assertThat(v.labels()).containsEntry("team", "ml");
        assertThat(v.taints()).containsExactly(new Taint("dedicated", "ml", "NoSchedule"));
        assertThat(v.startupTaints()).containsExactly(new Taint("agent", "", "NoExecute"));
        assertThat(v.limits().cpuMilli()).isEqualTo(100_000L);
        assertThat(v.limits().memoryMilli()).isEqualTo(400L * (1L << 30) * 1000);
        assertThat(v.limits().nodes()).isEqualTo(10L);
    }

    @Test
    void anUnknownOperatorIsNamedByField() {
        ValidatedNodePool.Result result = ValidatedNodePool.check(nodePool("bad", req("kubernetes.io/arch", "In", "amd64"), req("kubernetes.io/os", "Equals", "linux")));

        assertThat(result.valid()).isFalse();
        assertThat(result.message()).startsWith("spec.template.spec.requirements[1].operator: ").contains("Equals");
    }

    @Test
    void minValuesLargerThanTheValuesIsNamedByField() {
        var r = req("node.kubernetes.io/instance-type", "In", "c-1x-amd64-linux", "c-2x-amd64-linux");
        r.setMinValues(3);

        ValidatedNodePool.Result result = ValidatedNodePool.check(nodePool("bad", r));

        assertThat(result.message()).startsWith("spec.template.spec.requirements[0].minValues: ").contains("3");
    }

    @Test
    void negativeLimitsAreNamedByField() {
        ValidatedNodePool.Result result = ValidatedNodePool.check(withLimits(nodePool("bad"), Map.of("cpu", "-4", "memory", "10Gi")));

        assertThat(result.problems()).extracting(FieldProblem::field).containsExactly("spec.limits.cpu");
        assertThat(result.message()).contains("must not be negative");
    }

    @Test
    void weightOutsideOneToHundredIsNamed() {
        NodePool pool = nodePool("bad");
        pool.getSpec().setWeight(0);
        assertThat(ValidatedNodePool.check(pool).message()).startsWith("spec.weight: must be between 1 and 100");
        pool.getSpec().setWeight(101);
        assertThat(ValidatedNodePool.check(pool).valid()).isFalse();
    }

    @Test
    void aMissingNodeClassNameAndABadTaintEffectAreBothReported() {
        NodePool pool = nodePool("bad", "");
        pool.getSpec().getTemplate().getSpec().setTaints(List.of(new io.fabric8.kubernetes.api.model.Taint("Sometimes", "k", null, "v")));

        ValidatedNodePool.Result result = ValidatedNodePool.check(pool);

        assertThat(result.problems()).extracting(FieldProblem::field)
                .containsExactly("spec.template.spec.nodeClassRef.name", "spec.template.spec.taints[0].effect");
    }

    @Test
    void restrictedKeysAndContradictionsAreRefused() {
        assertThat(ValidatedNodePool.check(nodePool("bad", req("karpenter.sh/nodepool", "In", "x"))).message())
                .startsWith("spec.template.spec.requirements[0].key: ");
        assertThat(ValidatedNodePool.check(nodePool("bad", req("kubernetes.io/arch", "In", "amd64"), req("kubernetes.io/arch", "NotIn", "amd64"))).message())
                .startsWith("spec.template.spec.requirements: ").contains("kubernetes.io/arch");
    }
}
