package dev.ebbflow.provisioner.scheduling;

import dev.ebbflow.provisioner.catalog.Reservation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One scheduling simulation: mutable working state behind the pure {@link Scheduler} entry points.
 * Pods are tried on existing nodes, then in-flight claims, then the new claims opened so far (where
 * they add least cost, see {@link #tryNewClaims}, or first fit under {@link Packing#FIRST_FIT}), then
 * a new claim from each pool by descending weight, and only then on a new claim grown however far it
 * takes; each pod walks its relaxation ladder only when its strictest reading fits nowhere.
 */
final class SchedulingRun {

    /** How far a new claim may grow to take a pod. */
    private enum Growth {
        /** Only to a type that costs no more per unit of what the claim's pods ask for. */
        EFFICIENT,
        /** To any of its types. */
        ANY
    }

    /** A failure whose text nobody reads: the hot path does not build messages. */
    private static final String FAIL = "";

    private final boolean provisioning;
    private final Packing packing;
    private final ResourceIndex resources = new ResourceIndex();
    private final List<Bin> existing = new ArrayList<>();
    private final List<Bin> inFlight = new ArrayList<>();
    private final List<Bin> created = new ArrayList<>();
    private final OpenClaims open = new OpenClaims(created);
    private final List<PoolState> pools = new ArrayList<>();
    private final Topology topology;
    private final Set<String> limitMessages = new LinkedHashSet<>();
    private final Set<String> limitRecorded = new HashSet<>();
    private final List<PodPlan> plans = new ArrayList<>();
    private final List<Placement> onExisting = new ArrayList<>();
    private final List<Placement> onInFlight = new ArrayList<>();
    private final List<UnschedulablePod> unschedulable = new ArrayList<>();
    private final List<SchedulablePod> placementOrder = new ArrayList<>();
    private final boolean preferNoScheduleExists;
    /** What the capacity reservations can still start in this pass; null when no pool's types draw on one. */
    private final ReservationLedger reservations;
    private long[] smallest;
    private int claimCounter;
    /**
     * What the last {@link #filterOptions} that dropped a type kept: per resource, the most and the
     * least its kept types hold (for {@link #commit}, which takes them with those options), and a
     * buffer for the kept indices, reused so that a claim that grows copies its options once.
     */
    private long[] keptLargest;
    private long[] keptSmallest;
    private int[] keptBuffer = new int[0];

    SchedulingRun(List<SchedulablePod> pods, List<ExistingNode> nodes, List<InFlightClaim> claims, List<PoolTemplate> poolTemplates, boolean provisioning,
                  MinValuesPolicy minValuesPolicy, Packing packing) {
        this.provisioning = provisioning;
        this.packing = packing;
        pods.forEach(p -> resources.addAll(p.requests()));
        for (PoolTemplate p : poolTemplates) {
            resources.addAll(p.daemonSetOverhead());
            p.daemonSets().forEach(ds -> resources.addAll(ds.requests()));
        }
        for (PoolTemplate t : poolTemplates) {
            pools.add(new PoolState(t, resources, minValuesPolicy == MinValuesPolicy.STRICT));
        }
        pools.sort(Comparator.comparingInt((PoolState p) -> -p.template.weight()).thenComparing(PoolState::name));
        reservations = pools.stream().anyMatch(p -> p.countsReservations) ? new ReservationLedger(pools) : null;
        topology = new Topology(existing, inFlight, pools, provisioning && !pools.isEmpty());
        for (int i = 0; i < pods.size(); i++) {
            plans.add(plan(pods.get(i), i));
        }
        List<SchedulablePod> placedPods = new ArrayList<>();
        nodes.forEach(n -> placedPods.addAll(n.pods()));
        claims.forEach(c -> placedPods.addAll(c.pods()));
        for (SchedulablePod p : placedPods) {
            for (PodAffinityTerm t : p.requiredAntiAffinity()) {
                topology.group(t).hasOwners = true;
            }
        }
        for (PodPlan plan : plans) {
            plan.setMatched(topology.matchedGroups(plan.pod), topology.groupCount());
            List<Constraint> inverse = new ArrayList<>();
            for (int g : plan.matchedGroups) {
                TopologyGroup tg = topology.group(g);
                if (tg.hasOwners && Arrays.stream(plan.ownedAntiGroups).noneMatch(o -> o == g)) {
                    inverse.add(new Constraint(Constraint.Kind.INVERSE_ANTI_AFFINITY, tg, 0, 0));
                }
            }
            plan.inverseAnti = inverse;
        }
        boolean pns = false;
        for (ExistingNode n : nodes) {
            long[] used = new long[resources.size()];
            Bin b = new Bin(Bin.Kind.EXISTING, n.name(), null, n.labels(), Requirements.fromLabels(n.labels()), n.taints(), used, topology.groupCount());
            b.capacity = resources.vector(n.allocatable());
            seed(b, n.pods());
            existing.add(b);
            pns |= hasPreferNoSchedule(n.taints());
        }
        for (InFlightClaim c : claims) {
            PoolState pool = pools.stream().filter(p -> p.name().equals(c.nodePool())).findFirst().orElse(null);
            Bin b = new Bin(Bin.Kind.IN_FLIGHT, c.name(), pool, null, c.requirements(), c.taints(), daemonSetsOnEvery(pool, c.requirements()), topology.groupCount());
            b.capacity = resources.vector(c.allocatable());
            seed(b, c.pods());
            inFlight.add(b);
            pns |= hasPreferNoSchedule(c.taints());
        }
        for (PoolState p : pools) {
            pns |= hasPreferNoSchedule(p.template.taints());
        }
        preferNoScheduleExists = pns;
        smallest = new long[resources.size()];
        Arrays.fill(smallest, Long.MAX_VALUE);
        for (PodPlan p : plans) {
            for (int i = 0; i < smallest.length; i++) {
                smallest[i] = Math.min(smallest[i], p.requests[i]);
            }
        }
    }

    /** The DaemonSet room a claim of the pool takes whichever of its allowed types it becomes. */
    private long[] daemonSetsOnEvery(PoolState pool, Requirements claim) {
        long[] min = null;
        for (TypeInfo t : pool == null ? new TypeInfo[0] : pool.types) {
            if (!t.compatible(claim)) {
                continue;
            }
            if (min == null) {
                min = t.daemonSetOverhead.clone();
            } else {
                for (int i = 0; i < min.length; i++) {
                    min[i] = Math.min(min[i], t.daemonSetOverhead[i]);
                }
            }
        }
        return min == null ? new long[resources.size()] : min;
    }

    private static boolean hasPreferNoSchedule(List<Taint> taints) {
        return taints.stream().anyMatch(t -> Taint.PREFER_NO_SCHEDULE.equals(t.effect()));
    }

    private PodPlan plan(SchedulablePod pod, int order) {
        PodPlan plan = new PodPlan(pod, order, resources.vector(pod.requests()));
        List<Integer> owned = new ArrayList<>();
        for (PodAffinityTerm t : pod.requiredAffinity()) {
            plan.hard.add(new Constraint(Constraint.Kind.AFFINITY, topology.group(t), 0, 0));
        }
        for (PodAffinityTerm t : pod.requiredAntiAffinity()) {
            TopologyGroup g = topology.group(t);
            g.hasOwners = true;
            owned.add(g.id);
            plan.hard.add(new Constraint(Constraint.Kind.ANTI_AFFINITY, g, 0, 0));
        }
        for (PodAffinityTerm t : pod.preferredAffinity()) {
            plan.softAffinity.add(new Constraint(Constraint.Kind.AFFINITY, topology.group(t), 0, 0));
        }
        for (PodAffinityTerm t : pod.preferredAntiAffinity()) {
            plan.softAnti.add(new Constraint(Constraint.Kind.ANTI_AFFINITY, topology.group(t), 0, 0));
        }
        for (SpreadConstraint s : pod.spreadConstraints()) {
            TopologyGroup g = topology.group(s.topologyKey(), Set.of(pod.namespace()), false, s.selector(), NodeFilter.of(pod, s));
            Constraint c = new Constraint(Constraint.Kind.SPREAD, g, s.maxSkew(), s.minDomains());
            (s.doNotSchedule() ? plan.hard : plan.softSpread).add(c);
        }
        plan.ownedAntiGroups = owned.stream().mapToInt(Integer::intValue).toArray();
        return plan;
    }

    private void seed(Bin b, List<SchedulablePod> pods) {
        for (SchedulablePod p : pods) {
            long[] r = resources.vector(p.requests());
            for (int i = 0; i < r.length; i++) {
                b.used[i] += r[i];
            }
            b.ports.addAll(p.hostPorts());
            topology.record(b, topology.matchedGroups(p), topology.ownedGroups(p));
        }
    }

    // ---------------------------------------------------------------- the simulation

    SchedulingResult provision() {
        // First fit stays in size order: it is Karpenter's packing, which consolidation's decisions are judged by.
        placeAll(packing == Packing.LEAST_COST ? PodOrder.ownNodeFirst(plans) : PodOrder.balanced(plans));
        List<NewClaim> claims = new ArrayList<>();
        for (Bin b : created) {
            claims.add(ClaimAssembly.finish(b, resources));
        }
        return new SchedulingResult(onExisting, onInFlight, claims, unschedulable, new ArrayList<>(limitMessages), placementOrder);
    }

    BindingResult bind() {
        placeAll(plans);
        return new BindingResult(onExisting, unschedulable);
    }

    /**
     * Places the pods in order, then, as Karpenter requeues a pod that failed while others still
     * found room, tries the failed pods with topology rules again until a round places none: a pod
     * with pod affinity may have come before the pods it wants to join.
     */
    private void placeAll(List<PodPlan> order) {
        List<PodPlan> failed = new ArrayList<>();
        for (PodPlan p : order) {
            if (!place(p)) {
                failed.add(p);
            }
        }
        boolean progress = failed.size() < order.size();
        while (progress) {
            progress = false;
            List<PodPlan> still = new ArrayList<>();
            for (PodPlan p : failed) {
                if (p.hasTopology() && place(p)) {
                    progress = true;
                } else {
                    still.add(p);
                }
            }
            failed = still;
        }
        for (PodPlan p : failed) {
            unschedulable.add(new UnschedulablePod(p.pod, explain(p)));
        }
    }

    private boolean place(PodPlan plan) {
        for (Variant v : plan.ladder(preferNoScheduleExists)) {
            if (tryBins(existing, plan, v) || tryBins(inFlight, plan, v) || tryNewClaims(plan, v)) {
                return true;
            }
            for (PoolState pool : pools) {
                if (openClaim(pool, plan, v, false) == null) {
                    return true;
                }
            }
            // No new claim could be opened (limits): growing a claim dearly beats leaving the pod out.
            if (packing == Packing.LEAST_COST && growAnyClaim(plan, v)) {
                return true;
            }
        }
        return false;
    }

    private boolean tryBins(List<Bin> bins, PodPlan plan, Variant v) {
        for (int i = 0, n = bins.size(); i < n; i++) {
            Bin b = bins.get(i);
            if (!b.closed && tryAdd(b, plan, v, false, Growth.ANY) == null) {
                return true;
            }
        }
        return false;
    }

    /**
     * The new claims made so far, skipping those without room or shut by a hostname rule, in the
     * order that adds least cost: first fit over those whose cheapest type still has room for the pod
     * (it costs nothing there), then those that must grow to take it, the cheapest claim first, as
     * long as growing does not raise the claim's price per unit of what its pods ask for. First fit
     * into claims that may grow into any type concentrates the pods on the first claims, which become
     * the largest, dearest types, and leaves later claims (say one per hostname anti-affinity pod)
     * nearly empty on the smallest.
     */
    private boolean tryNewClaims(PodPlan plan, Variant v) {
        if (packing == Packing.FIRST_FIT) {
            return growAnyClaim(plan, v);
        }
        OpenClaims.View view = open.candidates(plan, v);
        long cpu = plan.requests[0];
        long memory = plan.requests[1];
        int i = 0;
        while ((i = view.slack().first(i, cpu, memory)) >= 0) {
            if (tryAdd(created.get(i), plan, v, false, Growth.EFFICIENT) == null) {
                return true;
            }
            i++;
        }
        FreeRoomIndex.Cheapest growing = view.room().cheapest(cpu, memory);
        while ((i = growing.next()) >= 0) {
            Bin b = created.get(i);
            boolean triedAbove = b.cheapestAllocatable[0] - b.used[0] >= cpu && b.cheapestAllocatable[1] - b.used[1] >= memory;
            if (!triedAbove && tryAdd(b, plan, v, false, Growth.EFFICIENT) == null) {
                return true;
            }
        }
        return false;
    }

    /** First fit over the new claims, each free to grow into any of its types. */
    private boolean growAnyClaim(PodPlan plan, Variant v) {
        FreeRoomIndex room = open.candidates(plan, v).room();
        int i = 0;
        while ((i = room.first(i, plan.requests[0], plan.requests[1])) >= 0) {
            if (tryAdd(created.get(i), plan, v, false, Growth.ANY) == null) {
                return true;
            }
            i++;
        }
        return false;
    }

    private String openClaim(PoolState pool, PodPlan plan, Variant v, boolean explain) {
        if (pool.unusableReason != null) {
            return explain ? pool.unusableReason : FAIL;
        }
        if (pool.nodeLimitReached()) {
            limitMessage(pool, "nodes");
            return explain ? "limits reached: nodes" : FAIL;
        }
        Bin b = new Bin(Bin.Kind.NEW, "claim-" + pool.name() + "-" + claimCounter, pool, null, pool.nodeRequirements,
                pool.template.taints(), new long[resources.size()], topology.groupCount());
        b.options = pool.allTypes;
        b.capacity = pool.largestAllocatable.clone();
        b.smallestOption = pool.smallestAllocatable;
        b.cheapestAllocatable = pool.types[0].allocatable;
        b.cheapestPrice = pool.types[0].basePrice;
        String reason = tryAdd(b, plan, v, explain, Growth.ANY);
        if (reason == null && !explain) {
            claimCounter++;
            pool.committedNodes++;
            b.slot = created.size();
            created.add(b);
            open.opened(b);
        }
        return reason;
    }

    private void limitMessage(PoolState pool, String resource) {
        if (limitRecorded.add(pool.name() + "/" + resource)) {
            limitMessages.add("nodepool " + pool.name() + ": limits reached (" + resource + "), no more capacity is provisioned from it");
        }
    }

    /**
     * Tries a pod on a bin; null when it fits (and, unless explaining, it is placed), else why not
     * (an empty string on the hot path, where nobody reads it).
     */
    private String tryAdd(Bin bin, PodPlan plan, Variant v, boolean explain, Growth growth) {
        long[] req = plan.requests;
        int shortOf = ResourceIndex.firstShort(bin.used, req, bin.capacity);
        if (shortOf >= 0) {
            if (!explain) {
                return FAIL;
            }
            return bin.kind == Bin.Kind.NEW && bin.placed.isEmpty()
                    ? "no instance type has room for the pod's " + resources.name(shortOf) + " request plus daemonset overhead"
                    : "insufficient " + resources.name(shortOf);
        }
        boolean grows = growth == Growth.EFFICIENT && bin.kind == Bin.Kind.NEW && !bin.placed.isEmpty()
                && !ResourceIndex.fits(bin.used, req, bin.cheapestAllocatable);
        if (grows && bin.capped) {
            return FAIL;
        }
        if (!bin.taints.isEmpty()) {
            Taint t = Toleration.firstUntolerated(bin.taints, plan.pod.tolerations(), v.strictTaints());
            if (t != null) {
                return explain ? "taint " + t.key() + (t.value().isEmpty() ? "" : "=" + t.value()) + ":" + t.effect() + " not tolerated" : FAIL;
            }
        }
        if (!plan.pod.hostPorts().isEmpty() && !bin.portsFree(plan.pod.hostPorts())) {
            return explain ? "host port already in use" : FAIL;
        }
        Requirements newReq = bin.requirements;
        Requirements wanted = v.requirements();
        if (!wanted.isEmpty()) {
            if (bin.kind == Bin.Kind.EXISTING) {
                if (!wanted.matchesLabels(bin.labels)) {
                    return explain ? "node selector/affinity " + wanted + " does not match the node's labels" : FAIL;
                }
            } else {
                String why = bin.requirements.incompatibility(wanted, resolvedKeys(bin));
                if (why != null) {
                    return explain ? "node selector/affinity: " + why : FAIL;
                }
                newReq = bin.requirements.and(wanted);
            }
        }
        List<Map<String, String>> narrowings = Topology.NO_NARROWING;
        if (!v.constraints().isEmpty()) {
            narrowings = topology.narrowings(bin, plan, v, newReq);
            if (narrowings.isEmpty()) {
                return explain ? topology.lastFailure.describe() + " cannot be met" : FAIL;
            }
        }
        String why = FAIL;
        for (Map<String, String> narrowing : narrowings) {
            Requirements r = newReq;
            for (Map.Entry<String, String> e : narrowing.entrySet()) {
                r = r.and(e.getKey(), ValueSet.single(e.getValue()));
            }
            int[] opts = null;
            Reservation reserving = null;
            if (bin.kind == Bin.Kind.NEW) {
                opts = filterOptions(bin, r, r != bin.requirements, req);
                if (opts.length == 0) {
                    why = explain ? noTypeReason(bin, r, req) : FAIL;
                    continue;
                }
                if (bin.pool.strictMinValues && (opts != bin.options || r != bin.requirements)) {
                    String shortfall = bin.pool.minValuesShortfall(r, opts, !explain);
                    if (shortfall != null) {
                        why = explain ? shortfall : FAIL;
                        continue;
                    }
                }
                if (grows && !keepsPricePerUnit(bin, opts, req)) {
                    bin.capped = true;
                    open.changed(bin);
                    return FAIL;
                }
                if (bin.pool.countsReservations) {
                    ReservationLedger.Settled settled = reservations.settle(bin, opts, r);
                    if (settled == null) {
                        why = explain ? "the capacity reservations it could use have no instances left and it may buy no other offering" : FAIL;
                        continue;
                    }
                    if (settled.options() != opts) {
                        opts = settled.options();
                        keptLargest = settled.largest();
                        keptSmallest = settled.smallest();
                    }
                    r = settled.requirements();
                    reserving = settled.reservation();
                }
            }
            if (!explain) {
                commit(bin, plan, opts, r);
                if (reserving != null && bin.reservation == null) {
                    reservations.take(reserving);
                    bin.reservation = reserving;
                }
            }
            return null;
        }
        return why;
    }

    /**
     * Whether the claim, grown by the pod, could be on a type that costs at most what its cheapest
     * type costs now per unit of what its pods ask for. A type is priced for the grown claim's
     * contents as if it could be bought by fractions (its price times the largest share of any
     * resource the contents take), so the comparison follows the mix of the claim's own pods. When
     * every bigger type is dearer by that measure, filling another claim of the current type is
     * cheaper than growing this one. Not only the grown claim's cheapest option counts: a memory-heavy
     * pod may make a dear type of the same size the cheapest while the next size up is still cheaper
     * per unit, and the claim gets there as it fills.
     */
    private static boolean keepsPricePerUnit(Bin bin, int[] options, long[] req) {
        double now = 0;
        double leastShare = 0;
        for (int i = 0; i < req.length; i++) {
            long contents = bin.used[i] + req[i];
            if (contents > 0) {
                now = Math.max(now, contents / (double) bin.cheapestAllocatable[i]);
                leastShare = Math.max(leastShare, contents / (double) bin.capacity[i]);
            }
        }
        now *= bin.cheapestPrice;
        for (int k : options) {
            TypeInfo t = bin.pool.types[k];
            if (t.basePrice * leastShare > now) {
                return false;
            }
            if (t.basePrice * share(bin.used, req, t.allocatable) <= now) {
                return true;
            }
        }
        return false;
    }

    /** The largest share of any resource of {@code allocatable} that {@code used + req} takes. */
    private static double share(long[] used, long[] req, long[] allocatable) {
        double share = 0;
        for (int i = 0; i < req.length; i++) {
            long contents = used[i] + req[i];
            if (contents > 0) {
                share = Math.max(share, contents / (double) allocatable[i]);
            }
        }
        return share;
    }

    private Set<String> resolvedKeys(Bin bin) {
        return bin.pool != null ? bin.pool.resolvedKeys : WellKnownLabels.RESOLVED_BY_PROVISIONING;
    }

    private int[] filterOptions(Bin bin, Requirements r, boolean reqChanged, long[] req) {
        PoolState pool = bin.pool;
        int[] src = bin.options;
        boolean limited = pool.hasResourceLimits();
        if (!reqChanged && !limited && ResourceIndex.fits(bin.used, req, bin.smallestOption)) {
            return src;
        }
        if (keptBuffer.length < src.length) {
            keptBuffer = new int[src.length];
        }
        int[] out = keptBuffer;
        int n = 0;
        long[] largest = null;
        long[] smallest = null;
        long[] others = limited ? othersCommitted(bin) : null;
        for (int k = 0; k < src.length; k++) {
            TypeInfo t = pool.types[src[k]];
            boolean keep = ResourceIndex.fits(bin.used, req, t.allocatable)
                    && (!reqChanged || t.compatible(r))
                    && (!limited || pool.withinLimits(t, others));
            if (!keep) {
                continue;
            }
            out[n++] = src[k];
            long[] a = t.allocatable;
            if (largest == null) {
                largest = a.clone();
                smallest = a.clone();
            } else {
                for (int i = 0; i < a.length; i++) {
                    largest[i] = Math.max(largest[i], a[i]);
                    smallest[i] = Math.min(smallest[i], a[i]);
                }
            }
        }
        if (n == src.length) {
            return src;
        }
        keptLargest = largest;
        keptSmallest = smallest;
        return Arrays.copyOf(out, n);
    }

    private static long[] othersCommitted(Bin bin) {
        long[] others = bin.pool.committed.clone();
        if (bin.committed != null) {
            for (int i = 0; i < others.length; i++) {
                others[i] -= bin.committed[i];
            }
        }
        return others;
    }

    private String noTypeReason(Bin bin, Requirements r, long[] req) {
        PoolState pool = bin.pool;
        boolean compatible = false;
        boolean fitsIgnoringLimits = false;
        for (int i : bin.options) {
            TypeInfo t = pool.types[i];
            if (t.compatible(r)) {
                compatible = true;
                fitsIgnoringLimits |= ResourceIndex.fits(bin.used, req, t.allocatable);
            }
        }
        if (!compatible) {
            return "no instance type of nodepool " + pool.name() + " meets " + r;
        }
        if (fitsIgnoringLimits) {
            limitMessage(pool, pool.limitedNames());
            return "limits reached: " + pool.limitedNames();
        }
        return "no instance type has room for the pod's requests " + resources.toList(req) + " plus daemonset overhead";
    }

    private void commit(Bin bin, PodPlan plan, int[] opts, Requirements r) {
        for (int i = 0; i < bin.used.length; i++) {
            bin.used[i] += plan.requests[i];
        }
        bin.requirements = r;
        if (opts != null) {
            if (opts != bin.options) {
                bin.options = opts;
                bin.capacity = keptLargest;
                bin.smallestOption = keptSmallest;
            }
            TypeInfo cheapest = bin.pool.types[opts[0]];
            bin.cheapestAllocatable = cheapest.allocatable;
            bin.cheapestPrice = cheapest.basePrice;
            long[] poolCommitted = bin.pool.committed;
            if (bin.committed == null) {
                bin.committed = new long[poolCommitted.length];
            }
            for (int i = 0; i < poolCommitted.length; i++) {
                poolCommitted[i] += cheapest.limitedCapacity[i] - bin.committed[i];
                bin.committed[i] = cheapest.limitedCapacity[i];
            }
        }
        bin.placed.add(plan.pod);
        placementOrder.add(plan.pod);
        bin.ports.addAll(plan.pod.hostPorts());
        topology.record(bin, plan.matchedGroups, plan.ownedAntiGroups);
        if (!ResourceIndex.fits(bin.used, smallest, bin.capacity)) {
            bin.closed = true;
        }
        if (bin.kind == Bin.Kind.NEW && bin.slot >= 0) {
            open.changed(bin);
        }
        if (bin.kind == Bin.Kind.EXISTING) {
            onExisting.add(new Placement(plan.pod, bin.id));
        } else if (bin.kind == Bin.Kind.IN_FLIGHT) {
            onInFlight.add(new Placement(plan.pod, bin.id));
        }
    }

    // ---------------------------------------------------------------- topology

    /** A spread minimum, valid until the next placement changes a count. */

    /** Every value a topology key has on existing nodes, in-flight claims or any pool's new nodes. */

    // ---------------------------------------------------------------- results

    /** Why a pod fits nowhere, judged on its most relaxed reading (what is left is truly required). */
    private String explain(PodPlan plan) {
        List<Variant> ladder = plan.ladder(preferNoScheduleExists);
        Variant v = ladder.get(ladder.size() - 1);
        List<String> parts = new ArrayList<>();
        tally("existing nodes", existing, plan, v, parts);
        tally("in-flight nodeclaims", inFlight, plan, v, parts);
        for (PoolState pool : pools) {
            topology.lastFailure = null;
            String why = openClaim(pool, plan, v, true);
            parts.add("nodepool " + pool.name() + ": " + (why == null ? "fits only with other pods moved" : why));
        }
        if (parts.isEmpty()) {
            return provisioning ? "no nodes, nodeclaims or nodepools" : "no nodes";
        }
        return String.join("; ", parts);
    }

    private void tally(String what, List<Bin> bins, PodPlan plan, Variant v, List<String> parts) {
        if (bins.isEmpty()) {
            return;
        }
        Map<String, Integer> counts = new TreeMap<>();
        for (Bin b : bins) {
            String why = tryAdd(b, plan, v, true, Growth.ANY);
            counts.merge(why == null ? "would fit" : why, 1, Integer::sum);
        }
        StringBuilder sb = new StringBuilder(what).append(": ");
        counts.forEach((why, n) -> sb.append(n).append(" ").append(why).append(", "));
        parts.add(sb.substring(0, sb.length() - 2));
    }
}
