package dev.ebbflow.provisioner.scheduling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Pod affinity, anti-affinity and topology spread for one simulation: the groups of pods the rules
 * count, where those pods are, and whether (and in which domain) a bin may take a pod under them.
 */
final class Topology {

    static final List<Map<String, String>> NO_NARROWING = List.of(Map.of());

    private final List<TopologyGroup> groups = new ArrayList<>();
    private final Map<TopologyGroup.Key, TopologyGroup> groupByKey = new HashMap<>();
    private final List<Bin> existing;
    private final List<Bin> inFlight;
    private final List<PoolState> pools;
    private final boolean newNodesPossible;
    private final Map<String, Set<String>> universe = new HashMap<>();
    private final Map<TopologyGroup, Set<String>> eligible = new IdentityHashMap<>();
    private final Map<Constraint, MinEntry> minCache = new IdentityHashMap<>();
    private long version;
    private final Map<LabelsInNamespace, int[]> matchedByLabels = new HashMap<>();
    private int matchedGroupCount;
    /** The rule that refused the last pod, for the unschedulable reason. */
    Constraint lastFailure;

    /**
     * @param newNodesPossible whether the simulation may open new nodes, which are empty hostname
     *     domains and so pull every hostname spread minimum to 0
     */
    Topology(List<Bin> existing, List<Bin> inFlight, List<PoolState> pools, boolean newNodesPossible) {
        this.existing = existing;
        this.inFlight = inFlight;
        this.pools = pools;
        this.newNodesPossible = newNodesPossible;
    }

    int groupCount() {
        return groups.size();
    }

    TopologyGroup group(int id) {
        return groups.get(id);
    }

    TopologyGroup group(PodAffinityTerm t) {
        return group(t.topologyKey(), t.namespaces(), t.allNamespaces(), t.selector(), null);
    }

    TopologyGroup group(String key, Set<String> namespaces, boolean all, LabelSelector selector, NodeFilter filter) {
        return groupByKey.computeIfAbsent(new TopologyGroup.Key(key, namespaces, all, selector, filter), k -> {
            TopologyGroup g = new TopologyGroup(groups.size(), k);
            groups.add(g);
            return g;
        });
    }

    /**
     * The groups counting the pod. Pods of one workload share their namespace and labels, so the
     * answer is kept per namespace and labels, valid while no group is added.
     */
    int[] matchedGroups(SchedulablePod pod) {
        if (matchedByLabels.size() > 0 && matchedGroupCount != groups.size()) {
            matchedByLabels.clear();
        }
        matchedGroupCount = groups.size();
        return matchedByLabels.computeIfAbsent(new LabelsInNamespace(pod.namespace(), pod.labels()), k -> matchingGroups(pod));
    }

    private record LabelsInNamespace(String namespace, Map<String, String> labels) {
    }

    private int[] matchingGroups(SchedulablePod pod) {
        int n = 0;
        int[] out = new int[groups.size()];
        for (TopologyGroup g : groups) {
            if (g.matches(pod)) {
                out[n++] = g.id;
            }
        }
        return Arrays.copyOf(out, n);
    }

    int[] ownedGroups(SchedulablePod pod) {
        int[] out = new int[pod.requiredAntiAffinity().size()];
        int n = 0;
        for (PodAffinityTerm t : pod.requiredAntiAffinity()) {
            out[n++] = group(t).id;
        }
        return out;
    }

    void record(Bin b, int[] matched, int[] owned) {
        for (int g : matched) {
            TopologyGroup tg = groups.get(g);
            if (!tg.counts(b)) {
                continue;
            }
            tg.totalMatched++;
            if (tg.hostname) {
                b.hostMatched[g]++;
            } else {
                String d = b.domain(tg.topologyKey());
                if (d != null) {
                    tg.recordMatched(d);
                } else if (tg.hasOwners) {
                    possibleDomains(b, tg.topologyKey()).forEach(tg::recordPossiblyMatched);
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
                } else {
                    possibleDomains(b, tg.topologyKey()).forEach(tg::recordPossibleOwner);
                }
            }
        }
        version++;
    }

    /**
     * The ways the bin can take the pod under its topology rules: empty when none, otherwise label
     * narrowings to apply (an empty map when every rule's domain is already decided). A new claim whose
     * zone is still open is narrowed to the zone a rule prefers: the emptiest for a spread, the
     * fullest for an affinity.
     */
    List<Map<String, String>> narrowings(Bin bin, PodPlan plan, Variant v, Requirements req) {
        Map<String, List<Constraint>> undecided = null;
        for (Constraint c : v.constraints()) {
            String key = c.group().topologyKey();
            String d = domainOf(bin, key, req);
            if (d != null) {
                if (!allows(c, bin, d, plan, v)) {
                    lastFailure = c;
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
                        lastFailure = c;
                        all = false;
                        break;
                    }
                }
                if (all) {
                    ok.add(d);
                }
            }
            if (ok.isEmpty()) {
                if (lastFailure == null || !cs.contains(lastFailure)) {
                    lastFailure = cs.get(0);
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

    /**
     * The domains a claim whose domain for the key is not decided may still end up in: its own
     * values when finite, else those its pool (or any pool) can launch in. A node without the label
     * is in no domain at all.
     */
    private Set<String> possibleDomains(Bin b, String key) {
        if (b.kind == Bin.Kind.EXISTING) {
            return Set.of();
        }
        ValueSet allowed = b.requirements.get(key);
        if (allowed != null && allowed.finiteValues() != null) {
            return allowed.finiteValues();
        }
        Set<String> out = new TreeSet<>();
        for (PoolState p : pools) {
            if (b.pool == null || b.pool == p) {
                out.addAll(p.domains(key));
            }
        }
        out.removeIf(d -> !b.requirements.allows(key, d));
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
            case ANTI_AFFINITY -> bin.maybeMatched(g, d) == 0;
            case INVERSE_ANTI_AFFINITY -> bin.maybeOwners(g, d) == 0;
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
            if (newNodesPossible) {
                return 0;
            }
            for (Bin b : existing) {
                if (g.counts(b)) {
                    eligible++;
                    min = Math.min(min, b.hostMatched[g.id]);
                }
            }
        } else {
            for (String d : eligibleDomains(g)) {
                eligible++;
                min = Math.min(min, g.matched(d));
            }
        }
        if (eligible == 0 || eligible < c.minDomains()) {
            min = 0;
        }
        minCache.put(c, new MinEntry(version, v, min));
        return min;
    }

    /**
     * The domains a spread counts: values of its key on existing nodes, on in-flight claims whose
     * value is decided, and in the pools' launchable offerings, keeping under its node filter only
     * nodes, claims and pools the pod could use. A zone that only an unlaunched claim might take, or
     * that no offering can launch in, is no domain: it would hold the minimum at 0 for ever.
     */
    private Set<String> eligibleDomains(TopologyGroup g) {
        return eligible.computeIfAbsent(g, k -> {
            String key = g.topologyKey();
            NodeFilter f = g.key.filter();
            Set<String> out = new TreeSet<>();
            for (Bin b : existing) {
                String d = b.labels.get(key);
                if (d != null && g.counts(b)) {
                    out.add(d);
                }
            }
            for (Bin b : inFlight) {
                String d = b.requirements.singleValue(key);
                if (d != null && g.counts(b)) {
                    out.add(d);
                }
            }
            for (PoolState p : pools) {
                if (p.unusableReason != null || (f != null && !f.admitsClaim(p.nodeRequirements, p.resolvedKeys, p.template.taints()))) {
                    continue;
                }
                for (String d : p.domains(key)) {
                    if (f == null || f.terms().isEmpty() || f.terms().stream().anyMatch(t -> t.allows(key, d))) {
                        out.add(d);
                    }
                }
            }
            return out;
        });
    }

    private record MinEntry(long version, Variant variant, int min) {
    }

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
}
