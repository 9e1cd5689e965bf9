package dev.ebbflow.provisioner.scheduling;

import java.util.List;

/**
 * One way of reading a pod's constraints during relaxation: node requirements (nodeSelector, one
 * required term, maybe one preferred term), the topology rules kept, and whether PreferNoSchedule
 * taints still repel it.
 */
record Variant(Requirements requirements, List<Constraint> constraints, boolean strictTaints) {
}
