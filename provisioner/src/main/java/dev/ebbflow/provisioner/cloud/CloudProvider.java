package dev.ebbflow.provisioner.cloud;

import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.provisioner.catalog.InstanceType;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.List;
import java.util.Optional;

/**
 * What Ebbflow needs from a cloud (AWS, Azure or the simulated one). Every method talks to the cloud
 * only; none writes NodeClaims or Nodes' Karpenter state, which stays the controllers' job.
 */
public interface CloudProvider {

    /** The tag naming the NodeClaim an instance was launched for, as Karpenter's providers write it. */
    String NODECLAIM_TAG = "karpenter.sh/nodeclaim";

    /** A short name for metrics and Events ({@code aws}, {@code azure}, {@code simulated}). */
    String name();

    /**
     * Launches one instance for the claim, unless one was launched for it already (a restart, or a
     * failed NodeClaim write, between an earlier launch and the claim's status update): then that
     * instance is returned and none is launched, so a claim never has two. The instance is the
     * cheapest available offering its requirements allow (instance type, zone, capacity type, arch,
     * os, further labels) that fits its resource requests, moving to the next on capacity errors.
     *
     * @return a copy of the claim with {@code status.providerID}, {@code status.capacity},
     *     {@code status.allocatable}, {@code status.imageID} (when the cloud has one) and the labels
     *     {@code node.kubernetes.io/instance-type}, {@code topology.kubernetes.io/zone},
     *     {@code karpenter.sh/capacity-type}, {@code kubernetes.io/arch}, {@code kubernetes.io/os} and
     *     the instance type's own labels
     * @throws InsufficientCapacityException when no compatible offering had capacity
     * @throws NodeClassNotFoundException when the claim's nodeClassRef names nothing this cloud serves
     */
    NodeClaim create(NodeClaim claim) throws CloudProviderException;

    /**
     * Terminates the claim's instance (by {@code status.providerID}).
     *
     * @throws NodeClaimNotFoundException when it is already gone (callers treat that as done)
     */
    void delete(NodeClaim claim) throws CloudProviderException;

    /** The instance with that provider ID, described as a NodeClaim. */
    NodeClaim get(String providerId) throws CloudProviderException;

    /**
     * Every instance this cloud runs for this cluster (the cluster name it was given, as a tag), for
     * garbage collection of leaked ones; instances already terminated are left out. Each is described
     * as a NodeClaim with {@code status.providerID}, {@code metadata.name} the claim the instance is
     * tagged for ({@value #NODECLAIM_TAG}; blank when untagged), {@code metadata.creationTimestamp} its
     * launch time, and {@code metadata.deletionTimestamp} set while it shuts down.
     *
     * @throws CloudProviderException when any part of the listing failed: a partial list would make
     *     the claims of the instances left out look orphaned
     */
    List<NodeClaim> list() throws CloudProviderException;

    /**
     * The instance types a NodePool's NodeClass offers, with offerings the cloud recently could not
     * fill marked unavailable.
     *
     * @throws NodeClassNotFoundException naming {@code spec.template.spec.nodeClassRef}
     */
    List<InstanceType> instanceTypes(NodePool nodePool) throws CloudProviderException;

    /**
     * Taints this cloud puts on every Node of the NodePool's NodeClass besides the pool's own (the
     * simulated cloud's mark, say), so that only pods that tolerate them are provisioned for.
     *
     * @throws NodeClassNotFoundException naming {@code spec.template.spec.nodeClassRef}
     */
    default List<Taint> taints(NodePool nodePool) throws CloudProviderException {
        return List.of();
    }

    /** Why the claim's instance no longer matches its NodeClass, or empty when it still does. */
    Optional<String> isDrifted(NodeClaim claim) throws CloudProviderException;
}
