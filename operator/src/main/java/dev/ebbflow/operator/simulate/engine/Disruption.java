package dev.ebbflow.operator.simulate.engine;

import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.provisioner.disruption.Command;
import dev.ebbflow.provisioner.disruption.DisruptionBudgets;
import dev.ebbflow.provisioner.disruption.Expiration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Every way a node leaves, in the operator's order at each step: expiration (forceful, whatever the
 * budgets: the node is drained and its pods provisioned again), emptiness, then one command at a
 * time of drift and consolidation through shared {@link DisruptionActions}. With consolidation off
 * (the comparison run) no node is removed for being empty or underutilized; drift and expiration stay.
 */
final class Disruption {

    static final String EXPIRATION = "expiration";
    static final String EMPTINESS = "emptiness";

    private final Provisioner provisioner;
    private final boolean consolidation;
    private final DisruptionActions actions;
    private final Drifter drifter;
    private final Consolidator consolidator;

    Disruption(Provisioner provisioner, boolean consolidation, BiConsumer<SimNode, Command> onLaunch) {
        this.provisioner = provisioner;
        this.consolidation = consolidation;
        this.actions = new DisruptionActions(provisioner, onLaunch);
        this.drifter = new Drifter(provisioner, actions);
        this.consolidator = new Consolidator(provisioner, actions);
    }

    List<Removal> step(Cluster cluster, long nowMs) {
        List<Removal> out = new ArrayList<>(expire(cluster, nowMs));
        if (consolidation) {
            for (SimNode n : provisioner.emptyNodesToRemove(cluster, actions.disrupting(), nowMs)) {
                cluster.removeNode(n, nowMs);
                provisioner.forget(n);
                out.add(new Removal(n, DisruptionBudgets.EMPTY, EMPTINESS, "removed " + n.name + " (" + n.instanceType + "), empty for "
                        + (nowMs - n.emptySinceMs) / 1000 + " s"));
            }
        }
        if (actions.busy()) {
            out.addAll(actions.advance(cluster, nowMs));
            return out;
        }
        out.addAll(drifter.step(cluster, nowMs));
        if (consolidation) {
            out.addAll(consolidator.step(cluster, nowMs));
        }
        return out;
    }

    /** Nodes whose NodeClaim is past {@code expireAfter} ({@link Expiration}, read at launch) go now. */
    private List<Removal> expire(Cluster cluster, long nowMs) {
        if (cluster.nodes().stream().noneMatch(n -> n.expiresAtMs <= nowMs)) {
            return List.of();
        }
        List<Removal> out = new ArrayList<>();
        for (SimNode n : List.copyOf(cluster.nodes())) {
            if (n.expiresAtMs <= nowMs) {
                cluster.removeNode(n, nowMs);
                provisioner.forget(n);
                NodeClaim c = n.claim;
                out.add(new Removal(n, Expiration.EXPIRED, EXPIRATION, "removed " + n.name + " (" + n.instanceType + "): NodeClaim expired after "
                        + c.getSpec().getExpireAfter() + ", its pods provisioned again"));
            }
        }
        return out;
    }

    DisruptionActions actions() {
        return actions;
    }
}
