package dev.ebbflow.provisioner.scheduling;

import java.util.List;

/**
 * Which nodes a topology spread looks at, as kube-scheduler's {@code nodeAffinityPolicy} and
 * {@code nodeTaintsPolicy} decide: under Honor, only nodes the pod could be placed on by its node
 * affinity (and, for taints, its tolerations) are domains, and only pods on such nodes are counted.
 *
 * @param terms the pod's nodeSelector and required node affinity terms, ORed; empty when the
 *     affinity is ignored or the pod has none
 * @param tolerations the pod's tolerations, or null when taints are ignored
 */
record NodeFilter(List<Requirements> terms, List<Toleration> tolerations) {

    NodeFilter {
        terms = List.copyOf(terms);
        tolerations = tolerations == null ? null : List.copyOf(tolerations);
    }

    /** The filter a spread constraint of the pod implies, or null when every node passes. */
    static NodeFilter of(SchedulablePod pod, SpreadConstraint s) {
        List<Requirements> terms = List.of();
        if (s.honorNodeAffinity()) {
            terms = pod.requiredNodeTerms().isEmpty()
                    ? (pod.nodeSelector().isEmpty() ? List.of() : List.of(pod.nodeSelector()))
                    : pod.requiredNodeTerms().stream().map(t -> pod.nodeSelector().and(t)).toList();
        }
        List<Toleration> tolerations = s.honorNodeTaints() ? pod.tolerations() : null;
        return terms.isEmpty() && tolerations == null ? null : new NodeFilter(terms, tolerations);
    }

    /** Whether a node with these labels and taints passes. */
    boolean admitsNode(java.util.Map<String, String> labels, List<Taint> taints) {
        return tolerated(taints) && (terms.isEmpty() || terms.stream().anyMatch(t -> t.matchesLabels(labels)));
    }

    /** Whether a node to be made with these requirements and taints can pass. */
    boolean admitsClaim(Requirements node, java.util.Set<String> resolvedKeys, List<Taint> taints) {
        return tolerated(taints) && (terms.isEmpty() || terms.stream().anyMatch(t -> node.incompatibility(t, resolvedKeys) == null));
    }

    boolean admits(Bin b) {
        return b.kind == Bin.Kind.EXISTING
                ? admitsNode(b.labels, b.taints)
                : admitsClaim(b.requirements, b.pool != null ? b.pool.resolvedKeys : WellKnownLabels.RESOLVED_BY_PROVISIONING, b.taints);
    }

    private boolean tolerated(List<Taint> taints) {
        return tolerations == null || taints.isEmpty() || Toleration.firstUntolerated(taints, tolerations, false) == null;
    }
}
