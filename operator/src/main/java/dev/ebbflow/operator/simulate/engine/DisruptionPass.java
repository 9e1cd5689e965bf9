package dev.ebbflow.operator.simulate.engine;

import java.util.List;

/**
 * What drift and consolidation share, as the operator's passes do: each runs every
 * {@code periodMs}, and not at all while the shared {@link DisruptionActions} carry out a command.
 */
abstract class DisruptionPass {

    protected final Provisioner provisioner;
    protected final DisruptionActions actions;
    private final long periodMs;
    private long nextPassMs;

    DisruptionPass(Provisioner provisioner, DisruptionActions actions, long periodMs) {
        this.provisioner = provisioner;
        this.actions = actions;
        this.periodMs = periodMs;
    }

    /** One look at the cluster when due; returns the nodes removed. */
    final List<Removal> step(Cluster cluster, long nowMs) {
        if (actions.busy() || nowMs < nextPassMs) {
            return List.of();
        }
        nextPassMs = nowMs + periodMs;
        return pass(cluster, nowMs);
    }

    protected abstract List<Removal> pass(Cluster cluster, long nowMs);
}
