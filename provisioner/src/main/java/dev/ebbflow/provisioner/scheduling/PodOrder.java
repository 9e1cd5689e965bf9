package dev.ebbflow.provisioner.scheduling;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The order in which the provisioning simulation places pods. */
final class PodOrder {

    private PodOrder() {
    }

    /**
     * {@link #balanced} with the pods that need a node of their own first: those whose required
     * hostname anti-affinity selects themselves, so that no two of a group share a node. Those nodes
     * exist whatever the order. Opened first, they take the other pods largest first, as first-fit
     * decreasing would; opened as their pods come up, they arrive after the claims the other pods
     * already opened and are left to the small pods at the end of the order, mostly on the smallest
     * types, each paying its node's overhead for little.
     */
    static List<PodPlan> ownNodeFirst(List<PodPlan> plans) {
        List<PodPlan> order = balanced(plans);
        List<PodPlan> first = new ArrayList<>();
        List<PodPlan> rest = new ArrayList<>();
        for (PodPlan p : order) {
            (needsOwnNode(p) ? first : rest).add(p);
        }
        first.addAll(rest);
        return first;
    }

    private static boolean needsOwnNode(PodPlan p) {
        for (Constraint c : p.hard) {
            if (c.kind() == Constraint.Kind.ANTI_AFFINITY && c.group().hostname && p.matches(c.group())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Largest first (first-fit decreasing), but interleaving cpu-heavy and memory-heavy pods so that
     * every prefix of the order asks for cpu and memory in the proportion of the whole batch. Plain
     * decreasing order fills the first claims' memory with their cpu idle and the last claims' cpu
     * with memory idle; this way each claim fills up in both at once.
     */
    static List<PodPlan> balanced(List<PodPlan> plans) {
        double cpuTotal = 1;
        double memoryTotal = 1;
        for (PodPlan p : plans) {
            cpuTotal += p.requests[0];
            memoryTotal += p.requests[1];
        }
        double[] cpuShare = new double[plans.size()];
        double[] memoryShare = new double[plans.size()];
        List<PodPlan> cpuHeavy = new ArrayList<>();
        List<PodPlan> memoryHeavy = new ArrayList<>();
        for (PodPlan p : plans) {
            cpuShare[p.order] = p.requests[0] / cpuTotal;
            memoryShare[p.order] = p.requests[1] / memoryTotal;
            (cpuShare[p.order] >= memoryShare[p.order] ? cpuHeavy : memoryHeavy).add(p);
        }
        Comparator<PodPlan> bySize = Comparator.comparingDouble((PodPlan p) -> -(cpuShare[p.order] + memoryShare[p.order])).thenComparingInt(p -> p.order);
        cpuHeavy.sort(bySize);
        memoryHeavy.sort(bySize);
        List<PodPlan> order = new ArrayList<>(plans.size());
        int c = 0;
        int m = 0;
        double cpu = 0;
        double memory = 0;
        while (c < cpuHeavy.size() || m < memoryHeavy.size()) {
            boolean takeCpuHeavy = m >= memoryHeavy.size() || (c < cpuHeavy.size() && cpu <= memory);
            PodPlan p = takeCpuHeavy ? cpuHeavy.get(c++) : memoryHeavy.get(m++);
            cpu += cpuShare[p.order];
            memory += memoryShare[p.order];
            order.add(p);
        }
        return order;
    }
}
