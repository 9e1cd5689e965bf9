package dev.ebbflow.provisioner.scheduling;

/** A pod that fits nowhere, with the reason naming the constraint that stopped it. */
public record UnschedulablePod(SchedulablePod pod, String reason) {
}
