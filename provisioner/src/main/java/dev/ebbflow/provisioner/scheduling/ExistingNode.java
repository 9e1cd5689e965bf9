package dev.ebbflow.provisioner.scheduling;

import dev.ebbflow.provisioner.catalog.ResourceList;
import java.util.List;
import java.util.Map;

/**
 * A node that exists. {@code pods} are the pods bound to it (they use room and take part in pod
 * affinity and topology spread); a cordoned node should be passed with the
 * {@code node.kubernetes.io/unschedulable:NoSchedule} taint.
 */
public record ExistingNode(String name, Map<String, String> labels, List<Taint> taints, ResourceList allocatable, List<SchedulablePod> pods) {

    public ExistingNode {
        labels = Map.copyOf(labels);
        taints = List.copyOf(taints);
        pods = List.copyOf(pods);
    }
}
