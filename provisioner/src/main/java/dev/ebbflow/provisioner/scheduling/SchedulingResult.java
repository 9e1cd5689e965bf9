package dev.ebbflow.provisioner.scheduling;

import java.util.List;

/** What a scheduling simulation decided. */
public record SchedulingResult(
        List<Placement> onExistingNodes,
        List<Placement> onInFlightClaims,
        List<NewClaim> newClaims,
        List<UnschedulablePod> unschedulable,
        List<String> limitMessages) {

    public SchedulingResult {
        onExistingNodes = List.copyOf(onExistingNodes);
        onInFlightClaims = List.copyOf(onInFlightClaims);
        newClaims = List.copyOf(newClaims);
        unschedulable = List.copyOf(unschedulable);
        limitMessages = List.copyOf(limitMessages);
    }

    /** Total hourly price of the new claims at their cheapest option. */
    public double newCapacityPrice() {
        double p = 0;
        for (NewClaim c : newClaims) {
            p += c.cheapest().price();
        }
        return p;
    }
}
