package dev.ebbflow.provisioner.scheduling;

import java.util.List;

/** The scheduling core's entry points: pure functions of their input. */
public final class Scheduler {

    private Scheduler() {
    }

    /**
     * Karpenter's provisioning simulation: places the pods on existing nodes with free room, then on
     * in-flight claims, then on new claims from the pools by descending weight, packing new claims as
     * the input's {@link Packing} says.
     */
    public static SchedulingResult provision(SchedulingInput input) {
        return new SchedulingRun(input.pods(), input.nodes(), input.inFlightClaims(), input.pools(), true, input.minValuesPolicy(),
                input.packing()).provision();
    }

    /**
     * What the simulated kube-scheduler does: binds, in the given order, every pod that fits an
     * existing node under the same constraints; the rest are unschedulable.
     */
    public static BindingResult bind(List<SchedulablePod> pods, List<ExistingNode> nodes) {
        return new SchedulingRun(pods, nodes, List.of(), List.of(), false, MinValuesPolicy.STRICT, Packing.FIRST_FIT).bind();
    }
}
