package dev.ebbflow.provisioner.bench;

import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.ResourceList;
import dev.ebbflow.provisioner.scheduling.NewClaim;
import dev.ebbflow.provisioner.scheduling.InstanceOption;
import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import dev.ebbflow.provisioner.scheduling.SchedulingResult;
import dev.ebbflow.provisioner.scheduling.Taint;
import dev.ebbflow.provisioner.scheduling.ValueSet;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks a provisioning result against the Kubernetes Pods it was made from, reading the Pod objects
 * itself rather than the scheduling core's converted form: every pod placed exactly once; on every new
 * node, the pods plus the DaemonSet pods fit each instance type the claim may become (allocatable,
 * i.e. capacity less kube-reserved) and tolerate its taints; the nodeSelector is met; required pod
 * affinity and anti-affinity hold in the final layout, every pod with a zonal rule sits on a claim
 * whose zone is decided; topology spread holds when each pod is placed, in the result's placement
 * order (a spread is judged at placement: pods without a rule may join a domain afterwards).
 * Only {@code matchLabels} selectors are understood; anything else is reported.
 */
final class PlacementChecker {

    private final List<Pod> pods;
    private final SchedulingResult result;
    private final List<Pod> daemonSets;
    private final Set<String> zones;
    private final List<String> violations = new ArrayList<>();
    private final Map<String, Pod> byName = new HashMap<>();
    private final Map<String, Integer> claimOf = new HashMap<>();
    private final List<String> zoneOf = new ArrayList<>();

    private PlacementChecker(List<Pod> pods, SchedulingResult result, List<Pod> daemonSets, Set<String> zones) {
        this.pods = pods;
        this.result = result;
        this.daemonSets = daemonSets;
        this.zones = zones;
    }

    /**
     * The violations, empty when the result is sound.
     *
     * @param daemonSets DaemonSet pods that run on every new node
     * @param zones the zones the pool can launch in (the domains of a zonal spread)
     */
    static List<String> check(List<Pod> pods, SchedulingResult result, List<Pod> daemonSets, Set<String> zones) {
        PlacementChecker c = new PlacementChecker(pods, result, daemonSets, zones);
        c.run();
        return c.violations;
    }

    private void run() {
        for (Pod p : pods) {
            byName.put(key(p), p);
        }
        result.unschedulable().forEach(u -> violations.add("unschedulable: " + u.pod().name() + ": " + u.reason()));
        if (!result.onExistingNodes().isEmpty() || !result.onInFlightClaims().isEmpty()) {
            violations.add("pods placed on nodes that do not exist");
        }
        List<NewClaim> claims = result.newClaims();
        for (int i = 0; i < claims.size(); i++) {
            NewClaim c = claims.get(i);
            ValueSet z = c.requirements().get(KarpenterWorkload.ZONE);
            Set<String> finite = z == null ? null : z.finiteValues();
            zoneOf.add(finite != null && finite.size() == 1 ? finite.iterator().next() : null);
            for (SchedulablePod sp : c.pods()) {
                String k = sp.namespace() + "/" + sp.name();
                if (!byName.containsKey(k)) {
                    violations.add("claim " + i + " holds a pod that was not asked for: " + k);
                } else if (claimOf.put(k, i) != null) {
                    violations.add("pod " + k + " placed twice");
                }
            }
            checkNode(i, c);
        }
        for (Pod p : pods) {
            if (!claimOf.containsKey(key(p))) {
                violations.add("pod " + key(p) + " placed nowhere");
            }
        }
        if (!violations.isEmpty()) {
            return;
        }
        for (Pod p : pods) {
            checkAffinity(p);
        }
        checkSpreadInOrder();
    }

    private void checkNode(int index, NewClaim c) {
        Map<String, BigDecimal> used = new TreeMap<>();
        List<Pod> onNode = new ArrayList<>();
        for (SchedulablePod sp : c.pods()) {
            Pod p = byName.get(sp.namespace() + "/" + sp.name());
            if (p != null) {
                onNode.add(p);
            }
        }
        List<Pod> all = new ArrayList<>(onNode);
        all.addAll(daemonSets);
        for (Pod p : all) {
            requests(p).forEach((k, v) -> used.merge(k, v, BigDecimal::add));
            used.merge(ResourceList.PODS, BigDecimal.ONE, BigDecimal::add);
        }
        for (InstanceOption o : c.options()) {
            InstanceType t = o.instanceType();
            ResourceList allocatable = t.allocatable();
            used.forEach((k, v) -> {
                BigDecimal have = BigDecimal.valueOf(allocatable.milli(k)).movePointLeft(3);
                if (v.compareTo(have) > 0) {
                    violations.add("claim " + index + " as " + t.name() + ": " + k + " requested " + v + " > allocatable " + have);
                }
            });
            Set<String> claimZones = c.requirements().get(KarpenterWorkload.ZONE).finiteValues();
            if (!claimZones.contains(o.offering().zone())) {
                violations.add("claim " + index + ": option " + t.name() + " offered in " + o.offering().zone() + " outside the claim's zones");
            }
        }
        for (Pod p : onNode) {
            for (Taint t : c.taints()) {
                if (!tolerated(p, t)) {
                    violations.add("pod " + key(p) + " does not tolerate " + t + " on claim " + index);
                }
            }
            Map<String, String> selector = p.getSpec().getNodeSelector();
            if (selector != null) {
                selector.forEach((k, v) -> {
                    ValueSet s = c.requirements().get(k);
                    boolean byClaim = s != null && s.finiteValues() != null && s.finiteValues().equals(Set.of(v));
                    boolean byEveryType = c.options().stream().allMatch(o -> v.equals(typeLabel(o.instanceType(), k)));
                    if (!byClaim && !byEveryType) {
                        violations.add("pod " + key(p) + " wants " + k + "=" + v + ", claim " + index + " does not guarantee it");
                    }
                });
            }
        }

    }

    private static String typeLabel(InstanceType t, String key) {
        return switch (key) {
            case "kubernetes.io/arch" -> t.architecture();
            case "node.kubernetes.io/instance-type" -> t.name();
            default -> t.labels().get(key);
        };
    }

    private void checkAffinity(Pod p) {
        var a = p.getSpec().getAffinity();
        if (a == null) {
            return;
        }
        if (a.getPodAffinity() != null && a.getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() != null) {
            for (PodAffinityTerm t : a.getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()) {
                Map<String, String> sel = matchLabels(p, t.getLabelSelector());
                String d = domain(p, t.getTopologyKey());
                if (d != null && matchingIn(t.getTopologyKey(), d, sel) == 0) {
                    violations.add("pod " + key(p) + ": no pod matching " + sel + " in its " + t.getTopologyKey() + " " + d);
                }
            }
        }
        if (a.getPodAntiAffinity() != null && a.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() != null) {
            for (PodAffinityTerm t : a.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()) {
                Map<String, String> sel = matchLabels(p, t.getLabelSelector());
                String d = domain(p, t.getTopologyKey());
                if (d != null && matchingIn(t.getTopologyKey(), d, sel) - (matches(sel, p) ? 1 : 0) > 0) {
                    violations.add("pod " + key(p) + ": another pod matching " + sel + " shares its " + t.getTopologyKey() + " " + d);
                }
            }
        }
    }

    /**
     * Replays the placements in the simulation's order and judges every spread when its pod is placed,
     * as kube-scheduler would: the matching pods already in the pod's domain, plus itself when it
     * matches, less the fewest in any domain, at most maxSkew. Hostname domains: the minimum is 0,
     * an empty new node being always possible. Zones: the launchable zones; a pod counts in its zone
     * once its claim's zone is decided, i.e. from the claim's first pod with a zonal rule on (earlier
     * pods on the claim may still have landed in any zone when they were placed).
     */
    private void checkSpreadInOrder() {
        if (result.placementOrder().size() != claimOf.size()) {
            violations.add("placement order lists " + result.placementOrder().size() + " pods, the claims hold " + claimOf.size());
            return;
        }
        List<String> zoneList = new ArrayList<>(new java.util.TreeSet<>(zones));
        List<Map<String, String>> zonal = new ArrayList<>();
        List<Map<String, String>> hostname = new ArrayList<>();
        for (Pod p : pods) {
            for (TopologySpreadConstraint t : spreads(p)) {
                List<Map<String, String>> into = KarpenterWorkload.ZONE.equals(t.getTopologyKey()) ? zonal : hostname;
                Map<String, String> sel = matchLabels(p, t.getLabelSelector());
                if (!KarpenterWorkload.ZONE.equals(t.getTopologyKey()) && !KarpenterWorkload.HOSTNAME.equals(t.getTopologyKey())) {
                    violations.add("pod " + key(p) + ": spread over " + t.getTopologyKey() + " is not checked");
                } else if (sel != null && !into.contains(sel)) {
                    into.add(sel);
                }
            }
        }
        int[][] perZone = new int[zonal.size()][zoneList.size()];
        int[][] perNode = new int[result.newClaims().size()][hostname.size()];
        boolean[] decided = new boolean[result.newClaims().size()];
        for (SchedulablePod sp : result.placementOrder()) {
            Pod p = byName.get(sp.namespace() + "/" + sp.name());
            int c = claimOf.get(key(p));
            if (hasZonalRule(p) && zoneOf.get(c) == null) {
                violations.add("pod " + key(p) + " has a zonal rule but its claim " + c + " may launch in any of several zones");
            }
            decided[c] |= hasZonalRule(p);
            int z = decided[c] ? zoneList.indexOf(zoneOf.get(c)) : -1;
            for (TopologySpreadConstraint t : spreads(p)) {
                Map<String, String> sel = matchLabels(p, t.getLabelSelector());
                int self = matches(sel, p) ? 1 : 0;
                if (KarpenterWorkload.HOSTNAME.equals(t.getTopologyKey())) {
                    int before = perNode[c][hostname.indexOf(sel)];
                    if (before + self > t.getMaxSkew()) {
                        violations.add("pod " + key(p) + ": hostname spread " + sel + " finds " + before + " matching pods on claim " + c);
                    }
                } else if (KarpenterWorkload.ZONE.equals(t.getTopologyKey()) && z >= 0) {
                    int[] counts = perZone[zonal.indexOf(sel)];
                    int min = Arrays.stream(counts).min().orElse(0);
                    if (counts[z] + self - min > t.getMaxSkew()) {
                        violations.add("pod " + key(p) + ": zonal spread " + sel + " finds " + Arrays.toString(counts) + " over " + zoneList);
                    }
                }
            }
            for (int s = 0; s < hostname.size(); s++) {
                perNode[c][s] += matches(hostname.get(s), p) ? 1 : 0;
            }
            for (int s = 0; z >= 0 && s < zonal.size(); s++) {
                perZone[s][z] += matches(zonal.get(s), p) ? 1 : 0;
            }
        }
    }

    /** The pod's domain for a key; reports (and returns null for) a zonal rule on a claim whose zone is open. */
    private String domain(Pod p, String key) {
        int claim = claimOf.get(key(p));
        if (KarpenterWorkload.HOSTNAME.equals(key)) {
            return "claim-" + claim;
        }
        if (!KarpenterWorkload.ZONE.equals(key)) {
            violations.add("pod " + key(p) + ": topology key " + key + " is not checked");
            return null;
        }
        String z = zoneOf.get(claim);
        if (z == null) {
            violations.add("pod " + key(p) + " has a zonal rule but its claim " + claim + " may launch in any of several zones");
        }
        return z;
    }

    /** Per domain, how many pods carry each set of labels: pods of a workload share theirs, so this stays small. */
    private final Map<String, Map<Map<String, String>, Integer>> domainIndex = new HashMap<>();

    private int matchingIn(String key, String domain, Map<String, String> selector) {
        if (domainIndex.isEmpty()) {
            for (Pod p : pods) {
                int claim = claimOf.get(key(p));
                Map<String, String> labels = p.getMetadata().getLabels() == null ? Map.of() : p.getMetadata().getLabels();
                domainIndex.computeIfAbsent(KarpenterWorkload.HOSTNAME + "=claim-" + claim, k -> new HashMap<>()).merge(labels, 1, Integer::sum);
                if (zoneOf.get(claim) != null) {
                    domainIndex.computeIfAbsent(KarpenterWorkload.ZONE + "=" + zoneOf.get(claim), k -> new HashMap<>()).merge(labels, 1, Integer::sum);
                }
            }
        }
        int n = 0;
        for (Map.Entry<Map<String, String>, Integer> e : domainIndex.getOrDefault(key + "=" + domain, Map.of()).entrySet()) {
            if (matchesLabels(selector, e.getKey())) {
                n += e.getValue();
            }
        }
        return n;
    }

    private Map<String, String> matchLabels(Pod p, io.fabric8.kubernetes.api.model.LabelSelector s) {
        if (s == null) {
            return null;
        }
        if (s.getMatchExpressions() != null && !s.getMatchExpressions().isEmpty()) {
            violations.add("pod " + key(p) + ": matchExpressions are not checked");
        }
        return s.getMatchLabels() == null ? Map.of() : s.getMatchLabels();
    }

    /** A null selector matches nothing, an empty one everything. */
    private static boolean matches(Map<String, String> selector, Pod p) {
        return matchesLabels(selector, p.getMetadata().getLabels() == null ? Map.of() : p.getMetadata().getLabels());
    }

    private static boolean matchesLabels(Map<String, String> selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    private static boolean hasZonalRule(Pod p) {
        if (spreads(p).stream().anyMatch(t -> KarpenterWorkload.ZONE.equals(t.getTopologyKey()))) {
            return true;
        }
        var a = p.getSpec().getAffinity();
        List<PodAffinityTerm> terms = new ArrayList<>();
        if (a != null && a.getPodAffinity() != null && a.getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() != null) {
            terms.addAll(a.getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution());
        }
        if (a != null && a.getPodAntiAffinity() != null && a.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() != null) {
            terms.addAll(a.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution());
        }
        return terms.stream().anyMatch(t -> KarpenterWorkload.ZONE.equals(t.getTopologyKey()));
    }

    private static List<TopologySpreadConstraint> spreads(Pod p) {
        return p.getSpec().getTopologySpreadConstraints() == null ? List.of() : p.getSpec().getTopologySpreadConstraints();
    }

    private static boolean tolerated(Pod p, Taint t) {
        if (Taint.PREFER_NO_SCHEDULE.equals(t.effect())) {
            return true;
        }
        for (Toleration tol : p.getSpec().getTolerations() == null ? List.<Toleration>of() : p.getSpec().getTolerations()) {
            boolean effect = tol.getEffect() == null || tol.getEffect().isEmpty() || tol.getEffect().equals(t.effect());
            boolean keyOk = "Exists".equals(tol.getOperator())
                    ? tol.getKey() == null || tol.getKey().isEmpty() || tol.getKey().equals(t.key())
                    : t.key().equals(tol.getKey()) && t.value().equals(tol.getValue() == null ? "" : tol.getValue());
            if (effect && keyOk) {
                return true;
            }
        }
        return false;
    }

    /** Sum of the containers' requests in whole units (this checker's pods have no init containers or overhead). */
    static Map<String, BigDecimal> requests(Pod p) {
        Map<String, BigDecimal> out = new TreeMap<>();
        for (Container c : p.getSpec().getContainers()) {
            if (c.getResources() != null && c.getResources().getRequests() != null) {
                for (Map.Entry<String, Quantity> e : c.getResources().getRequests().entrySet()) {
                    out.merge(e.getKey(), e.getValue().getNumericalAmount(), BigDecimal::add);
                }
            }
        }
        return out;
    }

    private static String key(Pod p) {
        return p.getMetadata().getNamespace() + "/" + p.getMetadata().getName();
    }
}
