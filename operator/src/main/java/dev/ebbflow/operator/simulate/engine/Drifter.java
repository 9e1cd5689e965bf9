package dev.ebbflow.operator.simulate.engine;

import dev.ebbflow.operator.provisioning.disruption.DriftController;
import dev.ebbflow.provisioner.disruption.Drift;
import dev.ebbflow.provisioner.disruption.DriftDisruption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operator's drift pass on the virtual clock, by the same core, every
 * {@link DriftController#DEFAULT_PERIOD}: each node of a pool is compared with the pool as it is now
 * ({@link Drift#reason}: the template hash written on its NodeClaim at launch, the pool's
 * requirements), then {@link DriftDisruption} picks what to replace within the {@code Drifted}
 * budgets and the {@link DisruptionActions} consolidation shares carry it out, replacement first.
 */
final class Drifter extends DisruptionPass {

    static final long PERIOD_MS = DriftController.DEFAULT_PERIOD.toMillis();
    static final String BY = "drift";

    Drifter(Provisioner provisioner, DisruptionActions actions) {
        super(provisioner, actions, PERIOD_MS);
    }

    /** Returns the nodes removed now (empty drifted nodes; a replacement removes its nodes later). */
    @Override
    protected List<Removal> pass(Cluster cluster, long nowMs) {
        Map<String, String> drifted = drifted(cluster);
        if (drifted.isEmpty()) {
            return List.of();
        }
        DriftDisruption.Result r = DriftDisruption.decide(DisruptionInputs.of(cluster, provisioner, actions.disrupting(), nowMs), drifted);
        return r.command().map(c -> actions.act(cluster, c, BY, nowMs)).orElse(List.of());
    }

    /**
     * The drift reason of every drifted node, by name. A node's labels and claim never change here, so
     * what the core said of it holds until its pool is applied again.
     */
    Map<String, String> drifted(Cluster cluster) {
        Map<String, String> out = new LinkedHashMap<>();
        for (NodePoolModel pool : provisioner.pools()) {
            for (SimNode n : cluster.nodesOf(pool.name)) {
                if (n.driftCheckedWith != pool) {
                    Map<String, String> annotations = n.claim == null ? Map.of() : n.claim.getMetadata().getAnnotations();
                    n.driftReason = Drift.reason(pool.nodePool, annotations, n.labels, pool.nodeRequirements(), null, null).orElse(null);
                    n.driftCheckedWith = pool;
                }
                if (n.driftReason != null) {
                    out.put(n.name, n.driftReason);
                }
            }
        }
        return out;
    }
}
