package dev.ebbflow.provisioner.scheduling;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The order in which the provisioning simulation places pods. */
final class PodOrder {

    private PodOrder() {
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
