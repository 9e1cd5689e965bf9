package dev.ebbflow.operator.simulate.engine;

import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.provisioner.catalog.ResourceList;
import dev.ebbflow.provisioner.scheduling.Taint;
import java.util.List;
import java.util.Map;

/**
 * A node of the simulated cluster: either present from the start or launched for a NodePool, in
 * which case it boots for the node boot time before pods can be bound to it.
 *
 * @see Cluster
 */
public final class SimNode {

    public static final long NEVER = Long.MAX_VALUE;

    final String name;
    final String instanceType;
    final String capacityType;
    final String zone;
    final String nodePool;
    final double pricePerHour;
    final ResourceList capacity;
    final ResourceList allocatable;
    /** Replaced, never changed in place: the scheduling views hold on to the list they were given. */
    List<Taint> taints;
    final Map<String, String> labels;
    final long launchedMs;
    final long readyAtMs;
    ResourceList requested = ResourceList.EMPTY;
    int pods;
    long emptySinceMs = NEVER;
    /** When a pod was last bound to or removed from the node; NEVER if none was. */
    long lastPodEventMs = NEVER;
    boolean ready;
    boolean deleted;
    /** The NodeClaim it was launched for, as the operator writes it; null for a node present from the start. */
    NodeClaim claim;
    /** The capacity reservation the node was launched into, whose instance it holds while it exists; null if none. */
    String reservation;
    /** When {@code expireAfter} runs out ({@code Expiration}); NEVER if it does not. */
    long expiresAtMs = NEVER;
    /** The pool version drift last compared the node with, and what it found (null: not drifted). */
    NodePoolModel driftCheckedWith;
    String driftReason;

    SimNode(String name, String instanceType, String capacityType, String zone, String nodePool, double pricePerHour,
            ResourceList capacity, ResourceList allocatable, List<Taint> taints, Map<String, String> labels, long launchedMs, long readyAtMs) {
        this.name = name;
        this.instanceType = instanceType;
        this.capacityType = capacityType;
        this.zone = zone;
        this.nodePool = nodePool;
        this.pricePerHour = pricePerHour;
        this.capacity = capacity;
        this.allocatable = allocatable;
        this.taints = List.copyOf(taints);
        this.labels = Map.copyOf(labels);
        this.launchedMs = launchedMs;
        this.readyAtMs = readyAtMs;
    }

    public String name() {
        return name;
    }

    public String instanceType() {
        return instanceType;
    }

    public String nodePool() {
        return nodePool;
    }

    public boolean ready() {
        return ready;
    }

    public ResourceList allocatable() {
        return allocatable;
    }

    public ResourceList requested() {
        return requested;
    }

    public ResourceList capacity() {
        return capacity;
    }

    public List<Taint> taints() {
        return taints;
    }

    void taint(Taint taint) {
        if (!taints.contains(taint)) {
            List<Taint> more = new java.util.ArrayList<>(taints);
            more.add(taint);
            taints = List.copyOf(more);
        }
    }

    void untaint(Taint taint) {
        taints = taints.stream().filter(t -> !t.equals(taint)).toList();
    }

    public double pricePerHour() {
        return pricePerHour;
    }

    public String capacityType() {
        return capacityType;
    }

    public String zone() {
        return zone;
    }

    public Map<String, String> labels() {
        return labels;
    }

    public int pods() {
        return pods;
    }
}
