/**
 * The provisioning loop: one informer on all pods feeds Karpenter's batching window; when it closes,
 * the cluster as cached (NodePools with their cloud's instance types, limits left and DaemonSet
 * overhead, Nodes with their pods, NodeClaims still in flight) goes to the pure scheduling core, and
 * a NodeClaim is recorded for every new machine it asks for, with a {@code Nominated} Event on each
 * pod placed and a {@code FailedScheduling} Warning on each pod that fits nowhere. Assembled by
 * {@link dev.ebbflow.operator.provisioning.provisioner.NodeProvisioning}.
 */
package dev.ebbflow.operator.provisioning.provisioner;
