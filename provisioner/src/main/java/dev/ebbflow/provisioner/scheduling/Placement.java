package dev.ebbflow.provisioner.scheduling;

/** A pod placed on an existing node or an in-flight claim (by name). */
public record Placement(SchedulablePod pod, String target) {
}
