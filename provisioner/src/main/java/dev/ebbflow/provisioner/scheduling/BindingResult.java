package dev.ebbflow.provisioner.scheduling;

import java.util.List;

/** What the simulated kube-scheduler binds: pods to existing nodes, and the pods that fit no node. */
public record BindingResult(List<Placement> bindings, List<UnschedulablePod> unschedulable) {

    public BindingResult {
        bindings = List.copyOf(bindings);
        unschedulable = List.copyOf(unschedulable);
    }
}
