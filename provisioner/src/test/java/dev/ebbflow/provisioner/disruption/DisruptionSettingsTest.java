package dev.ebbflow.provisioner.disruption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.crds.karpenter.Budget;
import dev.ebbflow.crds.karpenter.Disruption;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.crds.karpenter.NodePoolSpec;
import dev.ebbflow.provisioner.scheduling.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DisruptionSettingsTest {

    private static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");

    private static NodePool pool(Disruption disruption) {
        NodePool p = new NodePool();
        p.setSpec(new NodePoolSpec());
        p.getSpec().setDisruption(disruption);
        return p;
    }

    @Test
    void absentFieldsTakeTheCrdsDefaults() {
        DisruptionSettings none = DisruptionSettings.of(pool(null));
        assertThat(none.consolidationPolicy()).isEqualTo("WhenEmptyOrUnderutilized");
        assertThat(none.consolidateAfter()).contains(Duration.ZERO);
        Disruption nulls = new Disruption();
        nulls.setBudgets(null);
        nulls.setConsolidateAfter(null);
        // An explicit null is defaulted too: 10% of 11 nodes, rounded up.
        assertThat(DisruptionSettings.of(pool(nulls)).allowed(DisruptionBudgets.EMPTY, 11, 0, NOW)).isEqualTo(2);
    }

    @Test
    void neverMeansNoConsolidateAfter() {
        Disruption d = new Disruption();
        d.setConsolidateAfter("Never");
        assertThat(DisruptionSettings.of(pool(d)).consolidateAfter()).isEmpty();
    }

    @Test
    void everyBudgetIsCheckedWhateverItsReasonNamingTheField() {
        Budget drifted = new Budget("1");
        drifted.setReasons(List.of("Drifted"));
        drifted.setSchedule("@daily");
        drifted.setDuration("1d");
        Disruption d = new Disruption();
        d.setBudgets(List.of(new Budget("10%"), drifted));
        assertThatThrownBy(() -> DisruptionSettings.of(pool(d))).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("spec.disruption.budgets[1].duration: ")
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("spec.disruption.budgets[1].duration"));
        Disruption after = new Disruption();
        after.setConsolidateAfter("1.5h");
        assertThatThrownBy(() -> DisruptionSettings.of(pool(after)))
                .hasMessage("spec.disruption.consolidateAfter: not a duration such as 30s, 15m or 1h30m: '1.5h'");
    }
}
