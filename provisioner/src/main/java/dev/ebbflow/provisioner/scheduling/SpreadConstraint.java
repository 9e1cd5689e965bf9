package dev.ebbflow.provisioner.scheduling;

/**
 * A topology spread constraint. {@code doNotSchedule} false means ScheduleAnyway, which the
 * simulation first honours like DoNotSchedule and drops when the pod fits nowhere otherwise.
 * {@code minDomains} is 0 when not set.
 */
public record SpreadConstraint(String topologyKey, int maxSkew, boolean doNotSchedule, LabelSelector selector, int minDomains) {
}
