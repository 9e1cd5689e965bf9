package dev.ebbflow.operator.simulate.engine;

import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.operator.provisioning.provisioner.NodeClaims;
import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.cloud.LaunchCandidate;
import dev.ebbflow.provisioner.disruption.Emptiness;
import dev.ebbflow.provisioner.disruption.Expiration;
import dev.ebbflow.provisioner.disruption.Nominations;
import dev.ebbflow.provisioner.catalog.Offering;
import dev.ebbflow.provisioner.scheduling.InFlightClaim;
import dev.ebbflow.provisioner.scheduling.InstanceOption;
import dev.ebbflow.provisioner.scheduling.NewClaim;
import dev.ebbflow.provisioner.scheduling.PoolTemplate;
import dev.ebbflow.provisioner.scheduling.Requirements;
import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import dev.ebbflow.provisioner.scheduling.Scheduler;
import dev.ebbflow.provisioner.scheduling.SchedulingInput;
import dev.ebbflow.provisioner.scheduling.SchedulingResult;
import dev.ebbflow.provisioner.scheduling.WellKnownLabels;
import java.time.Instant;
import java.util.ArrayList;
import dev.ebbflow.provisioner.ahead.PhantomPods;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.HashMap;
import java.util.HashSet;
import java.util.function.Supplier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Karpenter's provisioning loop on the simulated cloud: the scheduling core packs the unschedulable
 * pods onto existing nodes, in-flight claims and new claims, and each new claim is launched as its
 * cheapest option (the core orders them cheapest first), a node that is Ready after the pool's boot time.
 */
final class Provisioner {

    /** A node launched for a claim. */
    record Launch(SimNode node, NewClaim claim) {
    }

    private final List<NodePoolModel> pools;
    // When pods were last nominated to each node, as the operator's provisioner records it for disruption.
    private final Map<String, Instant> nominatedAt = new HashMap<>();
    private long nodeSeq;
    private PhantomPods phantomPods = PhantomPods.NONE;
    private Supplier<List<Pod>> livePods = List::of;

    Provisioner(List<NodePoolModel> pools) {
        this.pools = new ArrayList<>(pools);
    }

    /** A NodePool applied again: new claims are made from it, and drift compares the pool's nodes with it. */
    void apply(NodePoolModel changed) {
        pools.replaceAll(p -> p.name.equals(changed.name) ? changed : p);
    }

    NodePoolModel pool(String name) {
        return pools.stream().filter(p -> p.name.equals(name)).findFirst().orElse(null);
    }

    boolean hasPools() {
        return !pools.isEmpty();
    }

    /**
     * Adds provisioning ahead's phantom pods to every pass, as the operator's provisioner does.
     *
     * @param livePods the cluster's pods as the API server would list them, which take phantoms' places
     */
    void provisionAhead(PhantomPods phantoms, Supplier<List<Pod>> livePods) {
        this.phantomPods = phantoms;
        this.livePods = livePods;
    }

    /** One provisioning pass; returns the nodes launched, and in {@code limitMessages} why pods could not get any. */
    List<Launch> provision(Cluster cluster, long nowMs, List<String> limitMessages) {
        Instant now = VirtualClock.at(nowMs);
        List<SchedulablePod> pods = new ArrayList<>();
        for (SimPod p : cluster.unboundPods()) {
            if (p.unschedulable) {
                pods.add(p.schedulable);
            }
        }
        pods.addAll(phantomPods.phantoms(livePods.get(), now));
        if (pods.isEmpty() || pools.isEmpty()) {
            phantomPods.placed(Map.of(), List.of(), List.of());
            return List.of();
        }
        SchedulingResult r = Scheduler.provision(new SchedulingInput(pods, PlacementView.readyNodes(cluster, pods), inFlight(cluster),
                templates(cluster)));
        limitMessages.addAll(r.limitMessages());
        Map<String, Set<String>> byClaim = new HashMap<>();
        r.onExistingNodes().forEach(p -> nominatedAt.put(p.target(), now));
        r.onInFlightClaims().forEach(p -> {
            nominatedAt.put(p.target(), now);
            byClaim.computeIfAbsent(p.target(), t -> new HashSet<>()).add(p.pod().key());
        });
        List<Launch> launched = new ArrayList<>();
        List<NodeClaim> created = new ArrayList<>();
        for (NewClaim claim : r.newClaims()) {
            SimNode node = launch(cluster, claim, nowMs);
            nominatedAt.put(node.name, now);
            launched.add(new Launch(node, claim));
            created.add(node.claim);
            claim.pods().forEach(p -> byClaim.computeIfAbsent(node.name, t -> new HashSet<>()).add(p.key()));
        }
        phantomPods.placed(byClaim, r.onExistingNodes(), created);
        return launched;
    }

    /** Nodes still booting, as claims in flight. */
    static List<InFlightClaim> inFlight(Cluster cluster) {
        List<InFlightClaim> inFlight = new ArrayList<>();
        for (SimNode n : cluster.nodes()) {
            if (!n.ready) {
                inFlight.add(new InFlightClaim(n.name, n.nodePool, Requirements.fromLabels(n.labels), n.taints, n.allocatable, List.of()));
            }
        }
        return inFlight;
    }

    /** Each pool with what its limits still allow, and what each capacity reservation can still start beside the nodes in it. */
    List<PoolTemplate> templates(Cluster cluster) {
        Map<String, Integer> reserved = new HashMap<>();
        for (SimNode n : cluster.nodes()) {
            if (n.reservation != null) {
                reserved.merge(n.reservation, 1, Integer::sum);
            }
        }
        return pools.stream().map(p -> p.template(cluster.nodesOf(p.name), reserved)).toList();
    }

    List<NodePoolModel> pools() {
        return List.copyOf(pools);
    }

    /** Where pods were nominated lately; room held for pods provisioning ahead still expects counts as nominated now. */
    Nominations nominations(Instant now) {
        return Nominations.withHeld(nominatedAt, phantomPods.holding(now), now);
    }

    /**
     * Launches a claim as its cheapest option: the NodeClaim the operator would write (its pool's
     * template hash and {@code expireAfter} included), created now, and the node the simulated cloud makes of it.
     */
    SimNode launch(Cluster cluster, NewClaim claim, long nowMs) {
        NodePoolModel pool = pool(claim.nodePool());
        InstanceOption option = claim.cheapest();
        InstanceType type = option.instanceType();
        Offering offering = option.offering();
        String name = pool.name + "-" + Long.toString(36 * 36 * 36 + nodeSeq++, 36).toLowerCase(Locale.ROOT);
        NodeClaim nodeClaim = NodeClaims.of(claim, pool.nodePool, name);
        nodeClaim.getMetadata().setCreationTimestamp(VirtualClock.at(nowMs).toString());
        // As the operator labels a claim and the simulated cloud its node.
        Map<String, String> labels = new LinkedHashMap<>(nodeClaim.getMetadata().getLabels());
        labels.putAll(pool.classLabels);
        String os = new TreeSet<>(type.operatingSystems()).stream()
                .filter(o -> claim.requirements().allows(WellKnownLabels.OS, o)).findFirst().orElseThrow();
        labels.putAll(new LaunchCandidate(type, offering, os).nodeLabels());
        labels.put(WellKnownLabels.NODEPOOL, pool.name);
        labels.put(WellKnownLabels.HOSTNAME, name);
        SimNode node = cluster.addNode(name, type.name(), offering.capacityType(), offering.zone(), pool.name, offering.pricePerHour(),
                type.capacity(), type.allocatable(), claim.taints(), labels, nowMs, nowMs + pool.bootMs);
        node.claim = nodeClaim;
        node.reservation = offering.reservation() == null ? null : offering.reservation().id();
        node.expiresAtMs = Expiration.expiresAt(nodeClaim).map(at -> at.toEpochMilli() - VirtualClock.EPOCH.toEpochMilli()).orElse(SimNode.NEVER);
        return node;
    }

    /**
     * Empty nodes to remove now, by the operator's own decision ({@link Emptiness}): past
     * {@code consolidateAfter}, not nominated to lately, within each pool's disruption budget.
     */
    List<SimNode> emptyNodesToRemove(Cluster cluster, Set<SimNode> disrupting, long nowMs) {
        Instant now = VirtualClock.at(nowMs);
        Nominations nominated = nominations(now);
        List<SimNode> out = new ArrayList<>();
        for (NodePoolModel pool : pools) {
            List<SimNode> poolNodes = cluster.nodesOf(pool.name);
            Map<String, SimNode> byName = new HashMap<>();
            poolNodes.forEach(n -> byName.put(n.name, n));
            Emptiness.Decision d = Emptiness.decide(pool.disruption, SimNodeStates.of(cluster, poolNodes, disrupting), nominated, now,
                    Emptiness.NOMINATION_WINDOW);
            d.remove().forEach(name -> out.add(byName.get(name)));
        }
        return out;
    }

    /** Forgets nodes that are gone. */
    void forget(SimNode n) {
        nominatedAt.remove(n.name);
    }
}
