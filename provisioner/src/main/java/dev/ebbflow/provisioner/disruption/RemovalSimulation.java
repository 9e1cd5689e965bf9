package dev.ebbflow.provisioner.disruption;

import dev.ebbflow.provisioner.catalog.ResourceList;
import dev.ebbflow.provisioner.scheduling.ExistingNode;
import dev.ebbflow.provisioner.scheduling.InstanceOption;
import dev.ebbflow.provisioner.scheduling.NewClaim;
import dev.ebbflow.provisioner.scheduling.Packing;
import dev.ebbflow.provisioner.scheduling.Requirement;
import dev.ebbflow.provisioner.scheduling.Requirements;
import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import dev.ebbflow.provisioner.scheduling.Scheduler;
import dev.ebbflow.provisioner.scheduling.SchedulingInput;
import dev.ebbflow.provisioner.scheduling.SchedulingResult;
import dev.ebbflow.provisioner.scheduling.WellKnownLabels;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What removing a set of nodes would take (pure): their pods go through the provisioning core with
 * the rest of the cluster, so they must fit under the same constraints (affinity, spread, taints,
 * ports, pool limits) on the nodes that stay, in-flight claims, or, for consolidation, at most one new
 * claim, which must cost less than the nodes it replaces (drift takes as many new claims as needed). Karpenter's spot rule applies: a spot node is replaced only
 * with spot and only with the {@code SpotToSpotConsolidation} gate; a single spot node only when at
 * least {@link #MIN_SPOT_TO_SPOT_TYPES} cheaper instance types keep the launch flexible.
 *
 * <p>The nodes that stay are built once per pass. When neither the pods that would move nor any
 * bound pod uses pod affinity, anti-affinity, topology spread or host ports, a node matters only
 * through the room it has left, and is passed that way, without its pods: the same answer, at a cost
 * that does not grow with the pods bound.
 */
public final class RemovalSimulation {

    /** Karpenter's minimum instance type flexibility for single-node spot-to-spot consolidation. */
    public static final int MIN_SPOT_TO_SPOT_TYPES = 15;

    /** A command, or why there is none. */
    public record Outcome(Optional<Command> command, String whyNot) {
        static Outcome no(String why) {
            return new Outcome(Optional.empty(), why);
        }
    }

    private final ConsolidationInput in;
    private final List<ExistingNode> full;
    private final List<ExistingNode> compact;
    private final boolean boundPodsMatter;

    public RemovalSimulation(ConsolidationInput in) {
        this.in = in;
        this.full = new ArrayList<>();
        this.compact = new ArrayList<>();
        boolean matter = false;
        for (NodeState n : in.claims()) {
            if (n.registered() && !n.deleting()) {
                full.add(n.node());
            }
        }
        full.addAll(in.otherNodes());
        for (ExistingNode n : full) {
            ResourceList used = ResourceList.EMPTY;
            for (SchedulablePod p : n.pods()) {
                used = used.plus(p.requests());
                matter |= placementDependsOnOthers(p);
            }
            compact.add(new ExistingNode(n.name(), n.labels(), n.taints(), n.allocatable().minus(used), List.of()));
        }
        this.boundPodsMatter = matter;
    }

    /** Consolidation: the nodes go only if their pods fit elsewhere or on one new node that costs less. @param reason and {@code type} label the command */
    public Outcome simulate(List<NodeState> remove, String reason, String type) {
        return simulate(remove, reason, type, true);
    }

    /**
     * Drift: the nodes go if their pods fit elsewhere or on new nodes of the pool as it is now, as many
     * as the provisioning core packs them onto (as Karpenter's drift does), whatever they cost; the
     * one-node limit and the spot rules of consolidation do not apply.
     */
    public Outcome simulateReplacement(List<NodeState> remove, String reason) {
        return simulate(remove, reason, "", false);
    }

    private Outcome simulate(List<NodeState> remove, String reason, String type, boolean mustSave) {
        Set<String> gone = new HashSet<>();
        List<SchedulablePod> pods = new ArrayList<>();
        double price = 0;
        boolean anySpot = false;
        for (NodeState n : remove) {
            gone.add(n.nodeName());
            n.pods().forEach(p -> pods.add(p.pod()));
            price += n.offer().pricePerHour();
            anySpot |= n.offer().spot();
        }
        boolean compactEnough = !boundPodsMatter && pods.stream().noneMatch(RemovalSimulation::placementDependsOnOthers);
        List<ExistingNode> stay = new ArrayList<>();
        for (ExistingNode n : compactEnough ? compact : full) {
            if (!gone.contains(n.name())) {
                stay.add(n);
            }
        }
        // Consolidation allows one new node, so its pods are packed as Karpenter packs them, into as
        // few claims as first fit makes; drift takes as many as the cheapest packing needs.
        SchedulingResult r = Scheduler.provision(new SchedulingInput(pods, stay, in.inFlight(), in.pools())
                .withPacking(mustSave ? Packing.FIRST_FIT : Packing.LEAST_COST));
        List<String> names = remove.stream().map(NodeState::claim).toList();
        if (!r.unschedulable().isEmpty()) {
            return Outcome.no("pod " + r.unschedulable().get(0).pod().key() + " would not fit elsewhere: " + r.unschedulable().get(0).reason());
        }
        if (r.newClaims().isEmpty()) {
            return new Outcome(Optional.of(new Command(Command.Decision.DELETE, reason, type, names, List.of(), price)), null);
        }
        if (!mustSave) {
            double replacing = r.newClaims().stream().mapToDouble(c -> c.cheapest().price()).sum();
            return new Outcome(Optional.of(new Command(Command.Decision.REPLACE, reason, type, names, r.newClaims(), price - replacing)), null);
        }
        if (r.newClaims().size() > 1) {
            return Outcome.no("the pods would need " + r.newClaims().size() + " new nodes");
        }
        Optional<NewClaim> replacement = replacement(r.newClaims().get(0), remove, price, anySpot);
        if (replacement.isEmpty()) {
            return Outcome.no(whyNoReplacement(r.newClaims().get(0), remove, price, anySpot));
        }
        return new Outcome(Optional.of(new Command(Command.Decision.REPLACE, reason, type, names, List.of(replacement.get()),
                price - replacement.get().cheapest().price())), null);
    }

    /** The new claim narrowed to the options that may replace the nodes, if any may. */
    private Optional<NewClaim> replacement(NewClaim claim, List<NodeState> remove, double price, boolean anySpot) {
        if (anySpot && !in.spotToSpot()) {
            return Optional.empty();
        }
        List<InstanceOption> cheaper = new ArrayList<>();
        for (InstanceOption o : claim.options()) {
            if (o.price() < price && (!anySpot || Offer.SPOT.equals(o.offering().capacityType()))) {
                cheaper.add(o);
            }
        }
        if (cheaper.isEmpty() || (anySpot && remove.size() == 1 && cheaper.size() < MIN_SPOT_TO_SPOT_TYPES)) {
            return Optional.empty();
        }
        Requirements narrowed = claim.requirements().and(Requirements.of(
                Requirement.in(WellKnownLabels.INSTANCE_TYPE, cheaper.stream().map(InstanceOption::name).toArray(String[]::new))));
        if (anySpot) {
            narrowed = narrowed.and(Requirements.of(Requirement.in(WellKnownLabels.CAPACITY_TYPE, Offer.SPOT)));
        }
        return Optional.of(new NewClaim(claim.nodePool(), narrowed, claim.taints(), claim.startupTaints(), claim.pods(), claim.requests(), cheaper));
    }

    private String whyNoReplacement(NewClaim claim, List<NodeState> remove, double price, boolean anySpot) {
        if (anySpot && !in.spotToSpot()) {
            return "spot-to-spot consolidation is disabled (the SpotToSpotConsolidation feature gate)";
        }
        long cheaper = claim.options().stream().filter(o -> o.price() < price && (!anySpot || Offer.SPOT.equals(o.offering().capacityType()))).count();
        if (cheaper > 0 && anySpot && remove.size() == 1) {
            return "SpotToSpotConsolidation requires " + MIN_SPOT_TO_SPOT_TYPES + " cheaper instance type options than the current candidate to"
                    + " consolidate, got " + cheaper;
        }
        return "can't replace with a lower-priced node";
    }

    /** Whether placing the pod depends on which pods run where (pod affinity, anti-affinity, spread, host ports), not only on room. */
    public static boolean placementDependsOnOthers(SchedulablePod p) {
        return !p.requiredAffinity().isEmpty() || !p.preferredAffinity().isEmpty() || !p.requiredAntiAffinity().isEmpty()
                || !p.preferredAntiAffinity().isEmpty() || !p.spreadConstraints().isEmpty() || !p.hostPorts().isEmpty();
    }
}
