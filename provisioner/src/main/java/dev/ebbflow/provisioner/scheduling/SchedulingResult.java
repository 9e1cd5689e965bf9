package dev.ebbflow.provisioner.scheduling;

import java.util.List;

/**
 * What a scheduling simulation decided.
 *
 * @param placementOrder every placed pod, in the order the simulation placed it (topology spread is
 *     judged at each placement, so checking a result needs the order)
 */
public record SchedulingResult(
        List<Placement> onExistingNodes,
        List<Placement> onInFlightClaims,
        List<NewClaim> newClaims,
        List<UnschedulablePod> unschedulable,
        List<String> limitMessages,
        List<SchedulablePod> placementOrder) {

    public SchedulingResult {
        onExistingNodes = List.copyOf(onExistingNodes);
        onInFlightClaims = List.copyOf(onInFlightClaims);
        newClaims = List.copyOf(newClaims);
        unschedulable = List.copyOf(unschedulable);
        limitMessages = List.copyOf(limitMessages);
        placementOrder = List.copyOf(placementOrder);
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
