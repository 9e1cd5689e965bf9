package dev.ebbflow.provisioner.scheduling;

import dev.ebbflow.provisioner.catalog.ResourceList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The room DaemonSet pods will take on every new node of a pool. */
public final class DaemonSetOverhead {

    private DaemonSetOverhead() {
    }

    /**
     * Sums the requests of those DaemonSet pod templates that would run on the pool's nodes: they
     * tolerate the pool's taints (startup taints are tolerated by definition, they are temporary) and
     * their nodeSelector and first required node affinity term are compatible with the pool's labels.
     */
    public static ResourceList forPool(PoolTemplate pool, List<SchedulablePod> daemonSetTemplates) {
        Requirements node = pool.nodeRequirements();
        Set<String> resolved = new HashSet<>(WellKnownLabels.RESOLVED_BY_PROVISIONING);
        pool.instanceTypes().forEach(t -> {
            resolved.addAll(t.labels().keySet());
            resolved.addAll(t.absentLabels());
        });
        ResourceList sum = ResourceList.EMPTY;
        for (SchedulablePod ds : daemonSetTemplates) {
            if (Toleration.firstUntolerated(pool.taints(), ds.tolerations(), false) != null) {
                continue;
            }
            Requirements wanted = ds.nodeSelector();
            if (!ds.requiredNodeTerms().isEmpty()) {
                wanted = wanted.and(ds.requiredNodeTerms().get(0));
            }
            if (node.incompatibility(wanted, resolved) != null) {
                continue;
            }
            sum = sum.plus(ds.requests());
        }
        // The pod slots DaemonSet pods take count against the node's pod capacity like any other pod.
        return sum;
    }
}
