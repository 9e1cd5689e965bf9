/**
 * NodePools: validation naming the field of every problem, the mapping to the scheduling core's pool
 * template (requirements, labels, taints, limits left, DaemonSet overhead), usage of a pool's nodes
 * and claims, and the controller that keeps {@code status} (Karpenter v1's conditions, resources,
 * node count) and the usage and limit gauges.
 */
package dev.ebbflow.operator.provisioning.nodepool;
