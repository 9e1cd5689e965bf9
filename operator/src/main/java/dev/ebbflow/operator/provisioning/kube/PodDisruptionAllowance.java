package dev.ebbflow.operator.provisioning.kube;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which pods the Eviction API would let go now, given the PodDisruptionBudgets: the rules of the
 * API server's eviction handler and the disruption controller, computed from the pods themselves
 * (a mock API server runs no disruption controller to fill in {@code status.disruptionsAllowed}).
 *
 * <p>The expected pod count of a budget is the number of live pods its selector matches (the
 * disruption controller would read the owning controller's scale; here nothing recreates pods).
 * A healthy pod's eviction uses one allowed disruption; an unhealthy pod may go when the budget is
 * healthy ({@code unhealthyPodEvictionPolicy: IfHealthyBudget}, the default) or always
 * ({@code AlwaysAllow}); a pod under more than one budget cannot be evicted (the API refuses).
 */
public final class PodDisruptionAllowance {

    /** The pods that may be evicted now, in the order asked, and the rest with why not. */
    public record Plan(List<Pod> evictable, Map<String, String> blocked) {
    }

    private PodDisruptionAllowance() {
    }

    /**
     * @param candidates the pods to evict, in the order they should go
     * @param pods every pod of the namespaces the candidates live in
     */
    public static Plan plan(List<Pod> candidates, List<Pod> pods, List<PodDisruptionBudget> budgets) {
        Map<String, Budget> state = new HashMap<>();
        for (PodDisruptionBudget pdb : budgets) {
            state.put(budgetKey(pdb), Budget.of(pdb, pods));
        }
        List<Pod> evictable = new ArrayList<>();
        Map<String, String> blocked = new LinkedHashMap<>();
        for (Pod pod : candidates) {
            List<PodDisruptionBudget> matching = budgets.stream().filter(b -> covers(b, pod)).toList();
            if (matching.isEmpty()) {
                evictable.add(pod);
                continue;
            }
            if (matching.size() > 1) {
                blocked.put(Pods.key(pod), "pod is covered by more than one PodDisruptionBudget ("
                        + String.join(", ", matching.stream().map(PodDisruptionAllowance::budgetKey).toList()) + ")");
                continue;
            }
            Budget budget = state.get(budgetKey(matching.get(0)));
            if (budget.allows(pod)) {
                budget.take(pod);
                evictable.add(pod);
            } else {
                blocked.put(Pods.key(pod), "PodDisruptionBudget " + budgetKey(matching.get(0)) + " allows no further disruption ("
                        + budget.healthy + " healthy, " + budget.desiredHealthy + " required)");
            }
        }
        return new Plan(evictable, blocked);
    }

    static boolean covers(PodDisruptionBudget pdb, Pod pod) {
        return Objects.equals(pdb.getMetadata().getNamespace(), pod.getMetadata().getNamespace())
                && LabelSelectors.matches(pdb.getSpec() == null ? null : pdb.getSpec().getSelector(), pod.getMetadata().getLabels());
    }

    private static String budgetKey(PodDisruptionBudget pdb) {
        return pdb.getMetadata().getNamespace() + "/" + pdb.getMetadata().getName();
    }

    /** One budget's running count while a plan takes disruptions from it. */
    private static final class Budget {
        private int healthy;
        private final int desiredHealthy;
        private final boolean alwaysAllowUnhealthy;

        private Budget(int healthy, int desiredHealthy, boolean alwaysAllowUnhealthy) {
            this.healthy = healthy;
            this.desiredHealthy = desiredHealthy;
            this.alwaysAllowUnhealthy = alwaysAllowUnhealthy;
        }

        static Budget of(PodDisruptionBudget pdb, List<Pod> pods) {
            int expected = 0;
            int healthy = 0;
            for (Pod p : pods) {
                if (!Pods.isTerminal(p) && covers(pdb, p)) {
                    expected++;
                    if (Pods.isHealthy(p)) {
                        healthy++;
                    }
                }
            }
            return new Budget(healthy, desiredHealthy(pdb, expected),
                    "AlwaysAllow".equals(pdb.getSpec() == null ? null : pdb.getSpec().getUnhealthyPodEvictionPolicy()));
        }

        boolean allows(Pod pod) {
            if (!Pods.isHealthy(pod)) {
                return alwaysAllowUnhealthy || healthy >= desiredHealthy;
            }
            return healthy - desiredHealthy > 0;
        }

        void take(Pod pod) {
            if (Pods.isHealthy(pod)) {
                healthy--;
            }
        }
    }

    /** How many pods must stay healthy: minAvailable, or expected minus maxUnavailable; percentages round up. */
    static int desiredHealthy(PodDisruptionBudget pdb, int expected) {
        if (pdb.getSpec() == null) {
            return 0;
        }
        if (pdb.getSpec().getMinAvailable() != null) {
            return scaled(pdb.getSpec().getMinAvailable(), expected);
        }
        if (pdb.getSpec().getMaxUnavailable() != null) {
            return Math.max(0, expected - scaled(pdb.getSpec().getMaxUnavailable(), expected));
        }
        return 0;
    }

    static int scaled(IntOrString value, int total) {
        if (value.getIntVal() != null) {
            return value.getIntVal();
        }
        String s = value.getStrVal().trim();
        if (s.endsWith("%")) {
            int percent = Integer.parseInt(s.substring(0, s.length() - 1));
            return (int) Math.ceil(total * percent / 100.0);
        }
        return Integer.parseInt(s);
    }
}
