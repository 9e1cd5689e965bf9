package dev.ebbflow.provisioner.scheduling;

/**
 * A topology spread constraint. {@code doNotSchedule} false means ScheduleAnyway, which the
 * simulation first honours like DoNotSchedule and drops when the pod fits nowhere otherwise.
 * {@code minDomains} is 0 when not set.
 *
 * @param honorNodeAffinity {@code nodeAffinityPolicy: Honor} (the default): only domains of nodes the
 *     pod's nodeSelector and required node affinity admit count towards the skew
 * @param honorNodeTaints {@code nodeTaintsPolicy: Honor}: only domains of nodes whose taints the pod
 *     tolerates count; the default, Ignore, counts every domain
 */
public record SpreadConstraint(String topologyKey, int maxSkew, boolean doNotSchedule, LabelSelector selector, int minDomains,
                               boolean honorNodeAffinity, boolean honorNodeTaints) {

    /** With Kubernetes' default policies: node affinity honoured, taints ignored. */
    public SpreadConstraint(String topologyKey, int maxSkew, boolean doNotSchedule, LabelSelector selector, int minDomains) {
        this(topologyKey, maxSkew, doNotSchedule, selector, minDomains, true, false);
    }
}
