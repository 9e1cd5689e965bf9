/**
 * Terminating a deleted NodeClaim: taint the Node {@code karpenter.sh/disrupted:NoSchedule}, drain
 * it ({@link dev.ebbflow.operator.provisioning.termination.DrainPlanner}, pure) through the eviction
 * seam, terminate the instance, delete the Node, release the finalizers.
 */
package dev.ebbflow.operator.provisioning.termination;
