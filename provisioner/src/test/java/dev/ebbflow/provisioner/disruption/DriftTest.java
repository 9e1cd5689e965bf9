package dev.ebbflow.provisioner.disruption;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.Budget;
import dev.ebbflow.crds.karpenter.NodeClaimTemplateMetadata;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.provisioner.scheduling.Requirement;
import dev.ebbflow.provisioner.scheduling.Requirements;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftTest {

    private static final Map<String, String> LABELS = Map.of("node.kubernetes.io/instance-type", "c-4", "karpenter.sh/capacity-type", "on-demand");

    private static Map<String, String> stamped(NodePool pool) {
        return Map.of(Drift.NODEPOOL_HASH, Drift.poolHash(pool), Drift.NODEPOOL_HASH_VERSION, Drift.HASH_VERSION);
    }

    @Test
    void aTemplateChangeDriftsTheClaimsMadeBeforeIt() {
        NodePool pool = TestNodes.pool("WhenEmptyOrUnderutilized", "0s");
        Map<String, String> annotations = stamped(pool);
        assertThat(Drift.reason(pool, annotations, LABELS, Requirements.NONE, null, null)).isEmpty();

        NodeClaimTemplateMetadata meta = new NodeClaimTemplateMetadata();
        meta.setLabels(Map.of("team", "payments"));
        pool.getSpec().getTemplate().setMetadata(meta);
        assertThat(Drift.reason(pool, annotations, LABELS, Requirements.NONE, null, null)).hasValue(Drift.NODEPOOL_DRIFTED);
    }

    @Test
    void behaviouralFieldsAndAnOlderHashVersionAreNoDrift() {
        NodePool pool = TestNodes.pool("WhenEmptyOrUnderutilized", "0s");
        Map<String, String> annotations = stamped(pool);
        pool.getSpec().getDisruption().setBudgets(List.of(new Budget("0")));
        pool.getSpec().getDisruption().setConsolidateAfter("1h");
        pool.getSpec().setWeight(50);
        assertThat(Drift.reason(pool, annotations, LABELS, Requirements.NONE, null, null)).isEmpty();

        pool.getSpec().getTemplate().getSpec().setExpireAfter("1h");
        Map<String, String> older = Map.of(Drift.NODEPOOL_HASH, annotations.get(Drift.NODEPOOL_HASH), Drift.NODEPOOL_HASH_VERSION, "v2");
        assertThat(Drift.reason(pool, older, LABELS, Requirements.NONE, null, null)).isEmpty();
        assertThat(Drift.reason(pool, annotations, LABELS, Requirements.NONE, null, null)).hasValue(Drift.NODEPOOL_DRIFTED);
    }

    @Test
    void requirementsDriftOnlyWhenTheNodeNoLongerSatisfiesThem() {
        NodePool pool = TestNodes.pool("WhenEmptyOrUnderutilized", "0s");
        Requirements widened = Requirements.of(Requirement.in("node.kubernetes.io/instance-type", "c-4", "c-8"));
        assertThat(Drift.reason(pool, stamped(pool), LABELS, widened, null, null)).isEmpty();
        Requirements spotOnly = Requirements.of(Requirement.in("karpenter.sh/capacity-type", "spot"));
        assertThat(Drift.reason(pool, stamped(pool), LABELS, spotOnly, null, null)).hasValue(Drift.REQUIREMENTS_DRIFTED);
    }

    @Test
    void aChangedNodeClassDriftsTheClaim() {
        NodePool pool = TestNodes.pool("WhenEmptyOrUnderutilized", "0s");
        assertThat(Drift.reason(pool, stamped(pool), LABELS, Requirements.NONE, "111", "111")).isEmpty();
        assertThat(Drift.reason(pool, stamped(pool), LABELS, Requirements.NONE, "111", "222")).hasValue(Drift.NODECLASS_DRIFTED);
    }
}
