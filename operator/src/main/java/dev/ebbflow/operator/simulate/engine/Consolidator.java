package dev.ebbflow.operator.simulate.engine;

import dev.ebbflow.provisioner.disruption.Command;
import dev.ebbflow.provisioner.disruption.Consolidation;
import dev.ebbflow.provisioner.disruption.ConsolidationInput;
import java.util.List;

/**
 * The operator's consolidation on the virtual clock, by the same core: every {@link #PERIOD_MS} a
 * decision, taken again {@link Consolidation#VALIDATION_DELAY} later on fresh state, then carried out
 * by the {@link DisruptionActions} drift shares; while they carry out a command, this pass waits.
 */
final class Consolidator extends DisruptionPass {

    static final long PERIOD_MS = 10_000;
    static final String BY = "consolidation";

    private Command decided;
    private long decidedAtMs;

    Consolidator(Provisioner provisioner, DisruptionActions actions) {
        super(provisioner, actions, PERIOD_MS);
    }

    @Override
    protected List<Removal> pass(Cluster cluster, long nowMs) {
        ConsolidationInput in = DisruptionInputs.of(cluster, provisioner, actions.disrupting(), nowMs);
        if (decided != null) {
            if (nowMs - decidedAtMs < Consolidation.VALIDATION_DELAY.toMillis()) {
                return List.of();
            }
            Command command = decided;
            decided = null;
            return Consolidation.validate(command, in).isPresent() ? List.of() : actions.act(cluster, command, BY, nowMs);
        }
        Consolidation.decide(in).command().ifPresent(c -> {
            decided = c;
            decidedAtMs = nowMs;
        });
        return List.of();
    }
}
