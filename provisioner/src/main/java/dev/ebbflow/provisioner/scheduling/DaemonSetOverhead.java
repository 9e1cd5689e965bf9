package dev.ebbflow.provisioner.scheduling;

import dev.ebbflow.provisioner.catalog.ResourceList;
import java.util.List;
import java.util.Set;

/**
 * The room DaemonSet pods will take on a new node: judged per instance type, as Karpenter does, so a
 * DaemonSet that only runs on large or arm64 machines does not make a small amd64 one look full.
 */
final class DaemonSetOverhead {

    private DaemonSetOverhead() {
    }

    /**
     * Sums the requests of those DaemonSet pod templates that would run on a node of the pool and this
     * type: they tolerate the pool's taints (startup taints are tolerated by definition, they are
     * temporary) and one of their required node affinity terms, with their nodeSelector, is met by
     * the pool's labels and the type's.
     */
    static ResourceList forType(PoolTemplate pool, Requirements nodeRequirements, Set<String> resolvedKeys, TypeInfo type) {
        ResourceList sum = pool.daemonSetOverhead();
        for (SchedulablePod ds : pool.daemonSets()) {
            if (runsOn(ds, pool.taints(), nodeRequirements, resolvedKeys, type)) {
                // A DaemonSet pod's slot counts against the node's pod capacity like any other pod's.
                sum = sum.plus(ds.requests());
            }
        }
        return sum;
    }

    private static boolean runsOn(SchedulablePod ds, List<Taint> taints, Requirements node, Set<String> resolved, TypeInfo type) {
        if (Toleration.firstUntolerated(taints, ds.tolerations(), false) != null) {
            return false;
        }
        List<Requirements> terms = ds.requiredNodeTerms().isEmpty() ? List.of(Requirements.NONE) : ds.requiredNodeTerms();
        for (Requirements term : terms) {
            Requirements wanted = ds.nodeSelector().and(term);
            if (node.incompatibility(wanted, resolved) == null && type.compatible(node.and(wanted))) {
                return true;
            }
        }
        return false;
    }
}
