package dev.ebbflow.operator.simulate.engine;

import dev.ebbflow.provisioner.catalog.ResourceList;
import dev.ebbflow.provisioner.scheduling.Taint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The simulated cluster's state: nodes, pods, which pod runs where, and the clocks of what is in
 * progress (nodes booting, pods starting). Every change goes through here so that the counters the
 * report needs (requested room per node, empty nodes, the hourly price of what runs) stay exact.
 */
public final class Cluster {

    private final List<SimNode> nodes = new ArrayList<>();
    private final Set<SimPod> unbound = new LinkedHashSet<>();
    private final PriorityQueue<SimPod> starting = new PriorityQueue<>(Comparator.comparingLong((SimPod p) -> p.readyAtMs).thenComparingLong(p -> p.id));
    private final PriorityQueue<SimNode> booting = new PriorityQueue<>(Comparator.comparingLong((SimNode n) -> n.readyAtMs).thenComparing(n -> n.name));
    private final Map<SimNode, Set<SimPod>> podsByNode = new java.util.HashMap<>();
    private final Map<String, Integer> liveByType = new java.util.TreeMap<>();
    private long podSeq;
    private double hourlyPrice;
    private int boundPods;
    private boolean placementChanged;

    SimPod createPod(Workload w, long nowMs) {
        SimPod p = new SimPod(++podSeq, w, nowMs);
        w.pods.add(p);
        unbound.add(p);
        placementChanged = true;
        return p;
    }

    /** Deletes a pod at once (no termination grace: its messages are simply no longer consumed). */
    void deletePod(SimPod p, long nowMs) {
        if (p.deleted) {
            return;
        }
        p.deleted = true;
        if (p.ready) {
            p.workload.readyPods--;
        }
        if (p.node == null) {
            unbound.remove(p);
        } else {
            SimNode n = p.node;
            n.requested = n.requested.minus(p.workload.podRequests);
            n.pods--;
            podsByNode.get(n).remove(p);
            p.workload.boundPods--;
            boundPods--;
            if (n.pods == 0) {
                n.emptySinceMs = nowMs;
            }
            n.lastPodEventMs = nowMs;
            placementChanged = true;
        }
    }

    void bind(SimPod p, SimNode n, long nowMs) {
        if (p.deleted || p.node != null) {
            throw new IllegalStateException("pod " + p.name + " is not waiting for a node");
        }
        if (!n.ready || n.deleted) {
            throw new IllegalStateException("node " + n.name + " is not ready");
        }
        unbound.remove(p);
        p.unschedulable = false;
        p.node = n;
        n.requested = n.requested.plus(p.workload.podRequests);
        n.pods++;
        n.emptySinceMs = SimNode.NEVER;
        n.lastPodEventMs = nowMs;
        podsByNode.get(n).add(p);
        p.workload.boundPods++;
        boundPods++;
        p.readyAtMs = nowMs + p.workload.startupMs;
        starting.add(p);
    }

    SimNode addNode(String name, String instanceType, String capacityType, String zone, String nodePool, double pricePerHour,
            ResourceList capacity, ResourceList allocatable, List<Taint> taints, Map<String, String> labels, long launchedMs, long readyAtMs) {
        SimNode n = new SimNode(name, instanceType, capacityType, zone, nodePool, pricePerHour, capacity, allocatable, taints, labels, launchedMs, readyAtMs);
        n.emptySinceMs = readyAtMs;
        nodes.add(n);
        podsByNode.put(n, new LinkedHashSet<>());
        hourlyPrice += pricePerHour;
        liveByType.merge(instanceType, 1, Integer::sum);
        booting.add(n);
        return n;
    }

    /** Removes a node; its pods are deleted with it (their controller recreates them elsewhere). */
    void removeNode(SimNode n, long nowMs) {
        for (SimPod p : List.copyOf(podsByNode.get(n))) {
            deletePod(p, nowMs);
            p.workload.pods.remove(p);
        }
        n.deleted = true;
        nodes.remove(n);
        podsByNode.remove(n);
        booting.remove(n);
        hourlyPrice -= n.pricePerHour;
        liveByType.merge(n.instanceType, -1, Integer::sum);
        placementChanged = true;
    }

    /** Nodes finish booting and pods finish starting up to {@code nowMs}; returns whether a node became ready. */
    boolean advance(long nowMs) {
        boolean nodeReady = false;
        while (!booting.isEmpty() && booting.peek().readyAtMs <= nowMs) {
            SimNode n = booting.poll();
            n.ready = true;
            nodeReady = true;
            placementChanged = true;
        }
        while (!starting.isEmpty() && starting.peek().readyAtMs <= nowMs) {
            SimPod p = starting.poll();
            if (!p.deleted) {
                p.ready = true;
                p.workload.readyPods++;
            }
        }
        return nodeReady;
    }

    /** True once since the last call if pods or nodes came or went in a way that may let a waiting pod fit. */
    /** Where pods may go changed without a pod or node coming or going (a node tainted or untainted). */
    void markPlacementChanged() {
        placementChanged = true;
    }

    boolean takePlacementChanged() {
        boolean c = placementChanged;
        placementChanged = false;
        return c;
    }

    public List<SimNode> nodes() {
        return nodes;
    }

    public List<SimNode> readyNodes() {
        return nodes.stream().filter(n -> n.ready).toList();
    }

    public List<SimNode> bootingNodes() {
        return nodes.stream().filter(n -> !n.ready).toList();
    }

    public Set<SimPod> podsOn(SimNode n) {
        return podsByNode.getOrDefault(n, Set.of());
    }

    /** Pods waiting for a node, oldest first. */
    public List<SimPod> unboundPods() {
        return List.copyOf(unbound);
    }

    public int unboundCount() {
        return unbound.size();
    }

    public List<SimNode> nodesOf(String nodePool) {
        return nodes.stream().filter(n -> nodePool.equals(n.nodePool)).toList();
    }

    /** Live nodes (booting or ready) per instance type; types whose count fell to zero stay with 0. */
    public Map<String, Integer> liveByType() {
        return liveByType;
    }

    public double hourlyPrice() {
        return hourlyPrice;
    }

    public int boundPods() {
        return boundPods;
    }
}
