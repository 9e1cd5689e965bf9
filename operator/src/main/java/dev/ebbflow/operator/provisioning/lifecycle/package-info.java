/**
 * A NodeClaim's life as Karpenter documents it: the {@code karpenter.sh/termination} finalizer
 * first, launch through the cloud its {@code nodeClassRef} names, registration of the Node with the
 * same provider ID (labels, taints, owner, finalizer), initialization (Ready, startup taints gone,
 * extended resources registered), and deletion when launch or registration takes too long or the
 * claim expires. Pure decisions ({@link dev.ebbflow.operator.provisioning.lifecycle.Liveness},
 * {@link dev.ebbflow.operator.provisioning.lifecycle.Registration},
 * {@link dev.ebbflow.operator.provisioning.lifecycle.Initialization},
 * {@link dev.ebbflow.provisioner.disruption.Expiration}) take explicit instants; the JOSDK
 * reconciler is a thin shell. {@link dev.ebbflow.operator.provisioning.lifecycle.NodeClaimControllers}
 * registers everything with an operator.
 */
package dev.ebbflow.operator.provisioning.lifecycle;
