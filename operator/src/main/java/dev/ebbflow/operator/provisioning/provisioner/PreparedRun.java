package dev.ebbflow.operator.provisioning.provisioner;

import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.provisioner.scheduling.SchedulingInput;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;
import java.util.Set;

/**
 * One provisioning run, ready for the scheduling core: its input, the objects behind the names in it,
 * and what was left out and why (a NodePool that is invalid or whose NodeClass is missing, a pending
 * pod whose scheduling fields cannot be read) so the shell can report each on its object.
 *
 * @param pendingPods pending pods by {@code namespace/name}
 * @param usablePools the NodePools that took part, by name
 * @param poolProblems NodePools left out, by name, with the reason naming the field
 * @param podProblems pending pods left out, by {@code namespace/name}, with the reason naming the field
 * @param keptNominations pending pods that stay on the in-flight NodeClaim an earlier run nominated
 *     them to (not placed again), by claim name
 */
public record PreparedRun(SchedulingInput input, Map<String, Pod> pendingPods, Map<String, NodePool> usablePools,
                          Map<String, String> poolProblems, Map<String, String> podProblems, Map<String, Set<String>> keptNominations) {

    public PreparedRun {
        pendingPods = Map.copyOf(pendingPods);
        usablePools = Map.copyOf(usablePools);
        poolProblems = Map.copyOf(poolProblems);
        podProblems = Map.copyOf(podProblems);
        keptNominations = Map.copyOf(keptNominations);
    }
}
