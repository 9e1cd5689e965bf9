package dev.ebbflow.provisioner.scheduling;

import dev.ebbflow.provisioner.catalog.Offering;
import dev.ebbflow.provisioner.catalog.ResourceList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One scheduling simulation: mutable working state behind the pure {@link Scheduler} entry points.
 * Pods are tried on existing nodes, then in-flight claims, then the new claims opened so far (first
 * fit), then a new claim from each pool by descending weight; each pod walks its relaxation ladder
 * only when its strictest reading fits nowhere.
 */
final class SchedulingRun {

    /** A failure whose text nobody reads: the hot path does not build messages. */
    private static final String FAIL = "";
    private static final List<Map<String, String>> NO_NARROWING = List.of(Map.of());
    /** Karpenter keeps at most this many instance types on a NodeClaim. */
    static final int MAX_OPTIONS = 60;

    private final boolean provisioning;
    private final ResourceIndex resources = new ResourceIndex();
    private final List<TopologyGroup> groups = new ArrayList<>();
    private final Map<TopologyGroup.Key, TopologyGroup> groupByKey = new HashMap<>();
    private final List<Bin> existing = new ArrayList<>();
    private final List<Bin> inFlight = new ArrayList<>();
    private final FreeRoomIndex room = new FreeRoomIndex();
    private final Map<Long, int[]> saturatedPrefix = new HashMap<>();
    private final List<Bin> created = new ArrayList<>();
    private final List<PoolState> pools = new ArrayList<>();
    private final Map<String, Set<String>> universe = new HashMap<>();
    private final Set<String> limitMessages = new LinkedHashSet<>();
    private final Set<String> limitRecorded = new HashSet<>();
    private final List<PodPlan> plans = new ArrayList<>();
    private final List<Placement> onExisting = new ArrayList<>();
    private final List<Placement> onInFlight = new ArrayList<>();
    private final List<UnschedulablePod> unschedulable = new ArrayList<>();
    private final Map<Constraint, MinEntry> minCache = new IdentityHashMap<>();
    private final boolean preferNoScheduleExists;
    private long[] smallest;
    private long version;
    private int claimCounter;
    private Constraint lastTopologyFailure;

    SchedulingRun(List<SchedulablePod> pods, List<ExistingNode> nodes, List<InFlightClaim> claims, List<PoolTemplate> poolTemplates, boolean provisioning) {
        this.provisioning = provisioning;
        pods.forEach(p -> resources.addAll(p.requests()));
        poolTemplates.forEach(p -> resources.addAll(p.daemonSetOverhead()));
        for (PoolTemplate t : poolTemplates) {
            pools.add(new PoolState(t, resources));
        }
        pools.sort(Comparator.comparingInt((PoolState p) -> -p.template.weight()).thenComparing(PoolState::name));
        for (int i = 0; i < pods.size(); i++) {
            plans.add(plan(pods.get(i), i));
        }
        List<SchedulablePod> placedPods = new ArrayList<>();
        nodes.forEach(n -> placedPods.addAll(n.pods()));
        claims.forEach(c -> placedPods.addAll(c.pods()));
        for (SchedulablePod p : placedPods) {
            for (PodAffinityTerm t : p.requiredAntiAffinity()) {
                group(t.topologyKey(), t.namespaces(), t.allNamespaces(), t.selector()).hasOwners = true;
            }
        }
        for (PodPlan plan : plans) {
            plan.setMatched(matchedGroups(plan.pod), groups.size());
            List<Constraint> inverse = new ArrayList<>();
            for (int g : plan.matchedGroups) {
                TopologyGroup tg = groups.get(g);
                if (tg.hasOwners && Arrays.stream(plan.ownedAntiGroups).noneMatch(o -> o == g)) {
                    inverse.add(new Constraint(Constraint.Kind.INVERSE_ANTI_AFFINITY, tg, 0, 0));
                }
            }
            plan.inverseAnti = inverse;
        }
        boolean pns = false;
        for (ExistingNode n : nodes) {
            long[] used = new long[resources.size()];
            Bin b = new Bin(Bin.Kind.EXISTING, n.name(), null, n.labels(), Requirements.fromLabels(n.labels()), n.taints(), used, groups.size());
            b.capacity = resources.vector(n.allocatable());
            seed(b, n.pods());
            existing.add(b);
            pns |= hasPreferNoSchedule(n.taints());
        }
        for (InFlightClaim c : claims) {
            PoolState pool = pools.stream().filter(p -> p.name().equals(c.nodePool())).findFirst().orElse(null);
            Bin b = new Bin(Bin.Kind.IN_FLIGHT, c.name(), pool, null, c.requirements(), c.taints(), new long[resources.size()], groups.size());
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

    private static boolean hasPreferNoSchedule(List<Taint> taints) {
        return taints.stream().anyMatch(t -> Taint.PREFER_NO_SCHEDULE.equals(t.effect()));
    }

    private PodPlan plan(SchedulablePod pod, int order) {
        PodPlan plan = new PodPlan(pod, order, resources.vector(pod.requests()));
        List<Integer> owned = new ArrayList<>();
        for (PodAffinityTerm t : pod.requiredAffinity()) {
            plan.hard.add(new Constraint(Constraint.Kind.AFFINITY, group(t), 0, 0));
        }
        for (PodAffinityTerm t : pod.requiredAntiAffinity()) {
            TopologyGroup g = group(t);
            g.hasOwners = true;
            owned.add(g.id);
            plan.hard.add(new Constraint(Constraint.Kind.ANTI_AFFINITY, g, 0, 0));
        }
        for (PodAffinityTerm t : pod.preferredAffinity()) {
            plan.softAffinity.add(new Constraint(Constraint.Kind.AFFINITY, group(t), 0, 0));
        }
        for (PodAffinityTerm t : pod.preferredAntiAffinity()) {
            plan.softAnti.add(new Constraint(Constraint.Kind.ANTI_AFFINITY, group(t), 0, 0));
        }
        for (SpreadConstraint s : pod.spreadConstraints()) {
            Constraint c = new Constraint(Constraint.Kind.SPREAD, group(s.topologyKey(), Set.of(pod.namespace()), false, s.selector()), s.maxSkew(), s.minDomains());
            (s.doNotSchedule() ? plan.hard : plan.softSpread).add(c);
        }
        plan.ownedAntiGroups = owned.stream().mapToInt(Integer::intValue).toArray();
        return plan;
    }

    private TopologyGroup group(PodAffinityTerm t) {
        return group(t.topologyKey(), t.namespaces(), t.allNamespaces(), t.selector());
    }

    private TopologyGroup group(String key, Set<String> namespaces, boolean all, LabelSelector selector) {
        return groupByKey.computeIfAbsent(new TopologyGroup.Key(key, namespaces, all, selector), k -> {
            TopologyGroup g = new TopologyGroup(groups.size(), k);
            groups.add(g);
            return g;
        });
    }

    private int[] matchedGroups(SchedulablePod pod) {
        int n = 0;
        int[] out = new int[groups.size()];
        for (TopologyGroup g : groups) {
            if (g.matches(pod)) {
                out[n++] = g.id;
            }
        }
        return Arrays.copyOf(out, n);
    }

    private int[] ownedGroups(SchedulablePod pod) {
        int[] out = new int[pod.requiredAntiAffinity().size()];
        int n = 0;
        for (PodAffinityTerm t : pod.requiredAntiAffinity()) {
            out[n++] = group(t).id;
        }
        return out;
    }

    private void seed(Bin b, List<SchedulablePod> pods) {
        for (SchedulablePod p : pods) {
            long[] r = resources.vector(p.requests());
            for (int i = 0; i < r.length; i++) {
                b.used[i] += r[i];
            }
            b.ports.addAll(p.hostPorts());
            record(b, matchedGroups(p), ownedGroups(p));
        }
    }

    private void record(Bin b, int[] matched, int[] owned) {
        for (int g : matched) {
            TopologyGroup tg = groups.get(g);
            tg.totalMatched++;
            if (tg.hostname) {
                b.hostMatched[g]++;
            } else {
                String d = b.domain(tg.topologyKey());
                if (d != null) {
                    tg.recordMatched(d);
                }
            }
        }
        for (int g : owned) {
            TopologyGroup tg = groups.get(g);
            if (tg.hostname) {
                b.hostOwners[g]++;
            } else {
                String d = b.domain(tg.topologyKey());
                if (d != null) {
                    tg.recordOwner(d);
                }
            }
        }
        version++;
    }

    // ---------------------------------------------------------------- the simulation

    SchedulingResult provision() {
        List<PodPlan> order = balancedOrder();
        for (PodPlan p : order) {
            place(p);
        }
        List<NewClaim> claims = new ArrayList<>();
        for (Bin b : created) {
            claims.add(finish(b));
        }
        return new SchedulingResult(onExisting, onInFlight, claims, unschedulable, new ArrayList<>(limitMessages));
    }

    /**
     * Largest first (first-fit decreasing), but interleaving cpu-heavy and memory-heavy pods so that
     * every prefix of the order asks for cpu and memory in the proportion of the whole batch. Plain
     * decreasing order fills the first claims' memory with their cpu idle and the last claims' cpu
     * with memory idle; this way each claim fills up in both at once.
     */
    private List<PodPlan> balancedOrder() {
        double cpuTotal = 1;
        double memoryTotal = 1;
        for (PodPlan p : plans) {
            cpuTotal += p.requests[0];
            memoryTotal += p.requests[1];
        }
        double[] cpuShare = new double[plans.size()];
        double[] memoryShare = new double[plans.size()];
        List<PodPlan> cpuHeavy = new ArrayList<>();
        List<PodPlan> memoryHeavy = new ArrayList<>();
        for (PodPlan p : plans) {
            cpuShare[p.order] = p.requests[0] / cpuTotal;
            memoryShare[p.order] = p.requests[1] / memoryTotal;
            (cpuShare[p.order] >= memoryShare[p.order] ? cpuHeavy : memoryHeavy).add(p);
        }
        Comparator<PodPlan> bySize = Comparator.comparingDouble((PodPlan p) -> -(cpuShare[p.order] + memoryShare[p.order])).thenComparingInt(p -> p.order);
        cpuHeavy.sort(bySize);
        memoryHeavy.sort(bySize);
        List<PodPlan> order = new ArrayList<>(plans.size());
        int c = 0;
        int m = 0;
        double cpu = 0;
        double memory = 0;
        while (c < cpuHeavy.size() || m < memoryHeavy.size()) {
            boolean takeCpuHeavy = m >= memoryHeavy.size() || (c < cpuHeavy.size() && cpu <= memory);
            PodPlan p = takeCpuHeavy ? cpuHeavy.get(c++) : memoryHeavy.get(m++);
            cpu += cpuShare[p.order];
            memory += memoryShare[p.order];
            order.add(p);
        }
        return order;
    }

    BindingResult bind() {
        for (PodPlan p : plans) {
            place(p);
        }
        return new BindingResult(onExisting, unschedulable);
    }

    private void place(PodPlan plan) {
        for (Variant v : plan.ladder(preferNoScheduleExists)) {
            if (tryBins(existing, plan, v) || tryBins(inFlight, plan, v) || tryNewClaims(plan, v)) {
                return;
            }
            for (PoolState pool : pools) {
                if (openClaim(pool, plan, v, false) == null) {
                    return;
                }
            }
        }
        unschedulable.add(new UnschedulablePod(plan.pod, explain(plan)));
    }

    private boolean tryBins(List<Bin> bins, PodPlan plan, Variant v) {
        for (int i = 0, n = bins.size(); i < n; i++) {
            Bin b = bins.get(i);
            if (!b.closed && tryAdd(b, plan, v, false) == null) {
                return true;
            }
        }
        return false;
    }

    /** First fit over the new claims made so far, skipping those without room or already saturated. */
    private boolean tryNewClaims(PodPlan plan, Variant v) {
        int i = firstUnsaturated(plan, v);
        while ((i = room.first(i, plan.requests[0], plan.requests[1])) >= 0) {
            Bin b = created.get(i);
            if (!b.closed && tryAdd(b, plan, v, false) == null) {
                return true;
            }
            i++;
        }
        return false;
    }

    /**
     * Where to start looking for a pod with hostname anti-affinity or hostname spread: claims with
     * that many matching pods stay closed to it forever (counts only grow, and when provisioning the
     * spread minimum is 0), and first fit saturates them in order, so a per-rule pointer past the
     * saturated prefix saves rescanning them for every pod.
     */
    private int firstUnsaturated(PodPlan plan, Variant v) {
        int start = 0;
        for (Constraint c : v.constraints()) {
            TopologyGroup g = c.group();
            if (!g.hostname) {
                continue;
            }
            int threshold;
            if (c.kind() == Constraint.Kind.ANTI_AFFINITY) {
                threshold = 1;
            } else if (c.kind() == Constraint.Kind.SPREAD) {
                threshold = Math.max(0, c.maxSkew() + 1 - (plan.matches(g) ? 1 : 0));
            } else {
                continue;
            }
            int[] pointer = saturatedPrefix.computeIfAbsent(((long) g.id << 20) | threshold, k -> new int[1]);
            while (pointer[0] < created.size() && created.get(pointer[0]).hostMatched[g.id] >= threshold) {
                pointer[0]++;
            }
            start = Math.max(start, pointer[0]);
        }
        return start;
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
                pool.template.taints(), pool.daemonSetOverhead.clone(), groups.size());
        int[] all = new int[pool.types.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        b.options = all;
        b.capacity = maxAllocatable(pool, all);
        String reason = tryAdd(b, plan, v, explain);
        if (reason == null && !explain) {
            claimCounter++;
            pool.committedNodes++;
            b.slot = created.size();
            created.add(b);
            room.add(b.capacity[0] - b.used[0], b.capacity[1] - b.used[1]);
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
    private String tryAdd(Bin bin, PodPlan plan, Variant v, boolean explain) {
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
        List<Map<String, String>> narrowings = NO_NARROWING;
        if (!v.constraints().isEmpty()) {
            narrowings = topology(bin, plan, v, newReq);
            if (narrowings.isEmpty()) {
                return explain ? lastTopologyFailure.describe() + " cannot be met" : FAIL;
            }
        }
        String why = FAIL;
        for (Map<String, String> narrowing : narrowings) {
            Requirements r = newReq;
            for (Map.Entry<String, String> e : narrowing.entrySet()) {
                r = r.and(e.getKey(), ValueSet.single(e.getValue()));
            }
            int[] opts = null;
            if (bin.kind == Bin.Kind.NEW) {
                opts = filterOptions(bin, r, r != bin.requirements, req);
                if (opts.length == 0) {
                    why = explain ? noTypeReason(bin, r, req) : FAIL;
                    continue;
                }
                if (bin.pool.hasMinValues && (opts != bin.options || r != bin.requirements)) {
                    String shortfall = bin.pool.minValuesShortfall(r, opts, !explain);
                    if (shortfall != null) {
                        why = explain ? shortfall : FAIL;
                        continue;
                    }
                }
            }
            if (!explain) {
                commit(bin, plan, opts, r);
            }
            return null;
        }
        return why;
    }

    private Set<String> resolvedKeys(Bin bin) {
        return bin.pool != null ? bin.pool.resolvedKeys : WellKnownLabels.RESOLVED_BY_PROVISIONING;
    }

    private int[] filterOptions(Bin bin, Requirements r, boolean reqChanged, long[] req) {
        PoolState pool = bin.pool;
        int[] src = bin.options;
        int[] out = null;
        int n = 0;
        boolean limited = pool.hasResourceLimits();
        long otherCpu = pool.committedCpu - bin.committedCpu;
        long otherMemory = pool.committedMemory - bin.committedMemory;
        for (int k = 0; k < src.length; k++) {
            TypeInfo t = pool.types[src[k]];
            boolean keep = ResourceIndex.fits(bin.used, req, t.allocatable)
                    && (!reqChanged || t.compatible(r))
                    && (!limited || pool.withinLimits(t, otherCpu, otherMemory));
            if (keep) {
                if (out != null) {
                    out[n] = src[k];
                }
                n++;
            } else if (out == null) {
                out = new int[src.length];
                System.arraycopy(src, 0, out, 0, k);
            }
        }
        return out == null ? src : Arrays.copyOf(out, n);
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
            limitMessage(pool, "cpu/memory");
            return "limits reached: cpu/memory";
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
                bin.capacity = maxAllocatable(bin.pool, opts);
            }
            TypeInfo cheapest = bin.pool.types[opts[0]];
            bin.pool.committedCpu += cheapest.capacityCpu - bin.committedCpu;
            bin.pool.committedMemory += cheapest.capacityMemory - bin.committedMemory;
            bin.committedCpu = cheapest.capacityCpu;
            bin.committedMemory = cheapest.capacityMemory;
        }
        bin.placed.add(plan.pod);
        bin.ports.addAll(plan.pod.hostPorts());
        record(bin, plan.matchedGroups, plan.ownedAntiGroups);
        if (!ResourceIndex.fits(bin.used, smallest, bin.capacity)) {
            bin.closed = true;
        }
        if (bin.kind == Bin.Kind.NEW && bin.slot >= 0) {
            room.set(bin.slot, bin.closed ? -1 : bin.capacity[0] - bin.used[0], bin.closed ? -1 : bin.capacity[1] - bin.used[1]);
        }
        if (bin.kind == Bin.Kind.EXISTING) {
            onExisting.add(new Placement(plan.pod, bin.id));
        } else if (bin.kind == Bin.Kind.IN_FLIGHT) {
            onInFlight.add(new Placement(plan.pod, bin.id));
        }
    }

    private static long[] maxAllocatable(PoolState pool, int[] options) {
        long[] max = null;
        for (int i : options) {
            long[] a = pool.types[i].allocatable;
            if (max == null) {
                max = a.clone();
            } else {
                for (int k = 0; k < a.length; k++) {
                    max[k] = Math.max(max[k], a[k]);
                }
            }
        }
        return max == null ? new long[pool.daemonSetOverhead.length] : max;
    }

    // ---------------------------------------------------------------- topology

    /**
     * The ways the bin can take the pod under its topology rules: empty when none, otherwise label
     * narrowings to apply (an empty map when every rule's domain is already decided). A new claim whose
     * zone is still open is narrowed to the zone a rule prefers: the emptiest for a spread, the
     * fullest for an affinity.
     */
    private List<Map<String, String>> topology(Bin bin, PodPlan plan, Variant v, Requirements req) {
        Map<String, List<Constraint>> undecided = null;
        for (Constraint c : v.constraints()) {
            String key = c.group().topologyKey();
            String d = domainOf(bin, key, req);
            if (d != null) {
                if (!allows(c, bin, d, plan, v)) {
                    lastTopologyFailure = c;
                    return List.of();
                }
            } else {
                if (undecided == null) {
                    undecided = new LinkedHashMap<>();
                }
                undecided.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
            }
        }
        if (undecided == null) {
            return NO_NARROWING;
        }
        List<String> keys = new ArrayList<>(undecided.keySet());
        List<List<String>> candidates = new ArrayList<>();
        for (String key : keys) {
            List<Constraint> cs = undecided.get(key);
            List<String> ok = new ArrayList<>();
            for (String d : bin.kind == Bin.Kind.NEW ? bin.pool.domains(key) : universe(key)) {
                if (!req.allows(key, d)) {
                    continue;
                }
                boolean all = true;
                for (Constraint c : cs) {
                    if (!allows(c, bin, d, plan, v)) {
                        lastTopologyFailure = c;
                        all = false;
                        break;
                    }
                }
                if (all) {
                    ok.add(d);
                }
            }
            if (ok.isEmpty()) {
                if (lastTopologyFailure == null || !cs.contains(lastTopologyFailure)) {
                    lastTopologyFailure = cs.get(0);
                }
                return List.of();
            }
            Constraint first = cs.get(0);
            if (first.kind() == Constraint.Kind.SPREAD) {
                ok.sort(Comparator.comparingInt((String d) -> first.group().matched(d)));
            } else if (first.kind() == Constraint.Kind.AFFINITY) {
                ok.sort(Comparator.comparingInt((String d) -> -first.group().matched(d)));
            }
            candidates.add(ok);
        }
        List<Map<String, String>> out = new ArrayList<>();
        for (String d : candidates.get(0)) {
            if (keys.size() == 1) {
                out.add(Map.of(keys.get(0), d));
                continue;
            }
            Map<String, String> m = new TreeMap<>();
            m.put(keys.get(0), d);
            for (int i = 1; i < keys.size(); i++) {
                m.put(keys.get(i), candidates.get(i).get(0));
            }
            out.add(m);
        }
        return out;
    }

    private static String domainOf(Bin bin, String key, Requirements req) {
        if (bin.kind == Bin.Kind.EXISTING || WellKnownLabels.HOSTNAME.equals(key)) {
            return bin.domain(key);
        }
        return req.singleValue(key);
    }

    private boolean allows(Constraint c, Bin bin, String d, PodPlan plan, Variant v) {
        TopologyGroup g = c.group();
        return switch (c.kind()) {
            case SPREAD -> bin.matched(g, d) + (plan.matches(g) ? 1 : 0) - minCount(c, v) <= c.maxSkew();
            case AFFINITY -> bin.matched(g, d) > 0 || (g.totalMatched == 0 && plan.matches(g));
            case ANTI_AFFINITY -> bin.matched(g, d) == 0;
            case INVERSE_ANTI_AFFINITY -> bin.owners(g, d) == 0;
        };
    }

    /**
     * The global minimum of a spread: the fewest matching pods in any eligible domain, or 0 when
     * fewer domains than {@code minDomains} are eligible. When provisioning, a new node is always an
     * empty hostname domain, so that minimum is 0.
     */
    private int minCount(Constraint c, Variant v) {
        MinEntry cached = minCache.get(c);
        if (cached != null && cached.version == version && cached.variant == v) {
            return cached.min;
        }
        TopologyGroup g = c.group();
        int min = Integer.MAX_VALUE;
        int eligible = 0;
        if (g.hostname) {
            if (provisioning && !pools.isEmpty()) {
                return 0;
            }
            for (Bin b : existing) {
                if (v.requirements().matchesLabels(b.labels)) {
                    eligible++;
                    min = Math.min(min, b.hostMatched[g.id]);
                }
            }
        } else {
            String key = g.topologyKey();
            for (String d : universe(key)) {
                if (v.requirements().allows(key, d)) {
                    eligible++;
                    min = Math.min(min, g.matched(d));
                }
            }
        }
        if (eligible == 0 || eligible < c.minDomains()) {
            min = 0;
        }
        minCache.put(c, new MinEntry(version, v, min));
        return min;
    }

    /** A spread minimum, valid until the next placement changes a count. */
    private record MinEntry(long version, Variant variant, int min) {
    }

    /** Every value a topology key has on existing nodes, in-flight claims or any pool's new nodes. */
    private Set<String> universe(String key) {
        return universe.computeIfAbsent(key, k -> {
            Set<String> out = new TreeSet<>();
            for (Bin b : existing) {
                String v = b.labels.get(k);
                if (v != null) {
                    out.add(v);
                }
            }
            for (Bin b : inFlight) {
                ValueSet s = b.requirements.get(k);
                if (s != null && s.finiteValues() != null) {
                    out.addAll(s.finiteValues());
                }
            }
            for (PoolState p : pools) {
                out.addAll(p.domains(k));
            }
            return out;
        });
    }

    // ---------------------------------------------------------------- results

    /**
     * The claim as the controller will create it: at most {@link #MAX_OPTIONS} instance types, the
     * cheapest under the claim's own requirements (Karpenter truncates the same way, keeping the
     * NodeClaim small), unless minValues needs more; and requirements closed over those options.
     */
    private NewClaim finish(Bin b) {
        PoolState pool = b.pool;
        Requirements r = b.requirements;
        List<InstanceOption> options = cheapestOptions(pool, r, b.options, MAX_OPTIONS);
        if (pool.hasMinValues) {
            int[] kept = options.stream().mapToInt(o -> pool.indexOf(o.instanceType())).toArray();
            if (pool.minValuesShortfall(r, kept, true) != null) {
                options = cheapestOptions(pool, r, b.options, Integer.MAX_VALUE);
            }
        }
        Set<String> names = new LinkedHashSet<>();
        Set<String> zones = new HashSet<>();
        Set<String> capacityTypes = new HashSet<>();
        for (InstanceOption o : options) {
            names.add(o.name());
            for (Offering of : o.instanceType().offerings()) {
                if (PoolState.offeringAllowed(of, r)) {
                    zones.add(of.zone());
                    capacityTypes.add(of.capacityType());
                }
            }
        }
        Requirements closed = r.and(WellKnownLabels.INSTANCE_TYPE, ValueSet.anyOf(names))
                .and(WellKnownLabels.ZONE, ValueSet.anyOf(zones))
                .and(WellKnownLabels.CAPACITY_TYPE, ValueSet.anyOf(capacityTypes));
        ResourceList requests = resources.toList(b.used);
        return new NewClaim(pool.name(), closed, pool.template.taints(), pool.template.startupTaints(), b.placed, requests, options);
    }

    private static final Comparator<InstanceOption> CHEAPEST_FIRST = Comparator.comparingDouble(InstanceOption::price)
            .thenComparing(o -> Offering.SPOT.equals(o.offering().capacityType()) ? 0 : 1)
            .thenComparing(InstanceOption::name);

    /**
     * The {@code limit} cheapest options under the claim's requirements. The options are sorted by
     * their price under the pool's requirements, which the claim's can only raise, so the walk stops
     * once that lower bound exceeds the worst price kept.
     */
    private static List<InstanceOption> cheapestOptions(PoolState pool, Requirements r, int[] indices, int limit) {
        List<InstanceOption> best = new ArrayList<>();
        for (int i : indices) {
            TypeInfo t = pool.types[i];
            if (best.size() >= limit && t.basePrice > best.get(limit - 1).price()) {
                break;
            }
            Offering cheapest = t.cheapestOffering(r);
            if (cheapest == null) {
                continue;
            }
            best.add(new InstanceOption(t.type, cheapest));
            if (best.size() >= limit && (best.size() == limit || best.size() >= 2 * limit)) {
                best.sort(CHEAPEST_FIRST);
                if (best.size() > limit) {
                    best.subList(limit, best.size()).clear();
                }
            }
        }
        best.sort(CHEAPEST_FIRST);
        return best.size() > limit ? new ArrayList<>(best.subList(0, limit)) : best;
    }

    /** Why a pod fits nowhere, judged on its most relaxed reading (what is left is truly required). */
    private String explain(PodPlan plan) {
        List<Variant> ladder = plan.ladder(preferNoScheduleExists);
        Variant v = ladder.get(ladder.size() - 1);
        List<String> parts = new ArrayList<>();
        tally("existing nodes", existing, plan, v, parts);
        tally("in-flight nodeclaims", inFlight, plan, v, parts);
        for (PoolState pool : pools) {
            lastTopologyFailure = null;
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
            String why = tryAdd(b, plan, v, true);
            counts.merge(why == null ? "would fit" : why, 1, Integer::sum);
        }
        StringBuilder sb = new StringBuilder(what).append(": ");
        counts.forEach((why, n) -> sb.append(n).append(" ").append(why).append(", "));
        parts.add(sb.substring(0, sb.length() - 2));
    }
}
