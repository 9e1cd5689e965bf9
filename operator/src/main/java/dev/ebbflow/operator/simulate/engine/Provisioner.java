package dev.ebbflow.operator.simulate.engine;

import dev.ebbflow.operator.provisioning.provisioner.ClaimLabels;
import dev.ebbflow.operator.provisioning.provisioner.NodeClaims;
import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.disruption.Emptiness;
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
import java.util.HashMap;
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

    Provisioner(List<NodePoolModel> pools) {
        this.pools = List.copyOf(pools);
    }

    boolean hasPools() {
        return !pools.isEmpty();
    }

    /** One provisioning pass; returns the nodes launched, and in {@code limitMessages} why pods could not get any. */
    List<Launch> provision(Cluster cluster, long nowMs, List<String> limitMessages) {
        List<SimPod> waiting = new ArrayList<>();
        for (SimPod p : cluster.unboundPods()) {
            if (p.unschedulable) {
                waiting.add(p);
            }
        }
        List<SchedulablePod> pods = waiting.stream().map(p -> p.schedulable).toList();
        if (pods.isEmpty() || pools.isEmpty()) {
            return List.of();
        }
        SchedulingResult r = Scheduler.provision(new SchedulingInput(pods, PlacementView.readyNodes(cluster, waiting), inFlight(cluster),
                templates(cluster)));
        limitMessages.addAll(r.limitMessages());
        Instant now = VirtualClock.at(nowMs);
        r.onExistingNodes().forEach(p -> nominatedAt.put(p.target(), now));
        r.onInFlightClaims().forEach(p -> nominatedAt.put(p.target(), now));
        List<Launch> launched = new ArrayList<>();
        for (NewClaim claim : r.newClaims()) {
            NodePoolModel pool = pools.stream().filter(p -> p.name.equals(claim.nodePool())).findFirst().orElseThrow();
            InstanceOption option = claim.cheapest();
            SimNode node = launch(cluster, pool, claim, option, nowMs);
            nominatedAt.put(node.name, now);
            launched.add(new Launch(node, claim));
        }
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

    /** Each pool with what its limits still allow. */
    List<PoolTemplate> templates(Cluster cluster) {
        return pools.stream().map(p -> p.template(cluster.nodesOf(p.name))).toList();
    }

    List<NodePoolModel> pools() {
        return pools;
    }

    Nominations nominations() {
        return new Nominations(nominatedAt);
    }

    /** Launches a replacement that consolidation decided on, as its cheapest option. */
    SimNode launch(Cluster cluster, NewClaim claim, long nowMs) {
        NodePoolModel pool = pools.stream().filter(p -> p.name.equals(claim.nodePool())).findFirst().orElseThrow();
        return launch(cluster, pool, claim, claim.cheapest(), nowMs);
    }

    private SimNode launch(Cluster cluster, NodePoolModel pool, NewClaim claim, InstanceOption option, long nowMs) {
        InstanceType type = option.instanceType();
        Offering offering = option.offering();
        String name = pool.name + "-" + Long.toString(36 * 36 * 36 + nodeSeq++, 36).toLowerCase(Locale.ROOT);
        // As the operator labels a claim and the simulated cloud its node.
        Map<String, String> labels = new LinkedHashMap<>(ClaimLabels.resolve(NodeClaims.requirements(claim), NodeClaims.cloudLabelKeys(claim), name));
        labels.putAll(pool.pool.labels());
        labels.putAll(pool.classLabels);
        labels.putAll(type.labels());
        labels.put(WellKnownLabels.NODEPOOL, pool.name);
        labels.put(WellKnownLabels.INSTANCE_TYPE, type.name());
        labels.put(WellKnownLabels.CAPACITY_TYPE, offering.capacityType());
        labels.put(WellKnownLabels.ZONE, offering.zone());
        labels.put(WellKnownLabels.ARCH, type.architecture());
        labels.put(WellKnownLabels.OS, new TreeSet<>(type.operatingSystems()).stream()
                .filter(os -> claim.requirements().allows(WellKnownLabels.OS, os)).findFirst().orElseThrow());
        labels.put(WellKnownLabels.HOSTNAME, name);
        return cluster.addNode(name, type.name(), offering.capacityType(), offering.zone(), pool.name, offering.pricePerHour(),
                type.capacity(), type.allocatable(), claim.taints(), labels, nowMs, nowMs + pool.bootMs);
    }

    /**
     * Empty nodes to remove now, by the operator's own decision ({@link Emptiness}): past
     * {@code consolidateAfter}, not nominated to lately, within each pool's disruption budget.
     */
    List<SimNode> emptyNodesToRemove(Cluster cluster, long nowMs) {
        Instant now = VirtualClock.at(nowMs);
        Nominations nominated = nominations();
        List<SimNode> out = new ArrayList<>();
        for (NodePoolModel pool : pools) {
            List<SimNode> poolNodes = cluster.nodesOf(pool.name);
            Map<String, SimNode> byName = new HashMap<>();
            poolNodes.forEach(n -> byName.put(n.name, n));
            Emptiness.Decision d = Emptiness.decide(pool.disruption, SimNodeStates.of(cluster, poolNodes, Set.of()), nominated, now,
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
