package dev.ebbflow.provisioner.scheduling.karpenter;

import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Offering;
import dev.ebbflow.provisioner.catalog.ResourceList;
import dev.ebbflow.provisioner.scheduling.ExistingNode;
import dev.ebbflow.provisioner.scheduling.HostPort;
import dev.ebbflow.provisioner.scheduling.InFlightClaim;
import dev.ebbflow.provisioner.scheduling.InstanceOption;
import dev.ebbflow.provisioner.scheduling.LabelSelector;
import dev.ebbflow.provisioner.scheduling.NewClaim;
import dev.ebbflow.provisioner.scheduling.PodAffinityTerm;
import dev.ebbflow.provisioner.scheduling.PoolTemplate;
import dev.ebbflow.provisioner.scheduling.Requirement;
import dev.ebbflow.provisioner.scheduling.Requirements;
import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import dev.ebbflow.provisioner.scheduling.Scheduler;
import dev.ebbflow.provisioner.scheduling.SchedulingInput;
import dev.ebbflow.provisioner.scheduling.SchedulingResult;
import dev.ebbflow.provisioner.scheduling.SpreadConstraint;
import dev.ebbflow.provisioner.scheduling.Taint;
import dev.ebbflow.provisioner.scheduling.Toleration;
import dev.ebbflow.provisioner.scheduling.UnschedulablePod;
import dev.ebbflow.provisioner.scheduling.WellKnownLabels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The world the Karpenter scenarios run in: a small cloud of three zones with on-demand and spot
 * offerings, an amd64 family priced by size (1 to 16 vCPU, 2 GiB per vCPU) and a dearer arm64 family,
 * and short ways to state pods, pools, nodes and what a provisioning pass decided.
 */
final class World {

    static final String Z1 = "test-zone-1";
    static final String Z2 = "test-zone-2";
    static final String Z3 = "test-zone-3";
    static final List<String> ZONES = List.of(Z1, Z2, Z3);
    static final String FAMILY = "example.com/family";
    static final String CPU_LABEL = "example.com/cpu";
    static final String ZONE = WellKnownLabels.ZONE;
    static final String HOST = WellKnownLabels.HOSTNAME;

    private World() {
    }

    // ---------------------------------------------------------------- the cloud

    static InstanceType type(String family, String arch, int cpu, double pricePerCpu, int pods, List<String> zones) {
        List<Offering> offerings = new ArrayList<>();
        for (String z : zones) {
            offerings.add(new Offering(z, Offering.ON_DEMAND, cpu * pricePerCpu, true));
            offerings.add(new Offering(z, Offering.SPOT, cpu * pricePerCpu * 0.7, true));
        }
        ResourceList capacity = ResourceList.parse(Map.of(ResourceList.CPU, Integer.toString(cpu), ResourceList.MEMORY, (2 * cpu) + "Gi",
                ResourceList.PODS, Integer.toString(pods)));
        return new InstanceType(family + "-" + cpu + "x", capacity, ResourceList.EMPTY, arch, Set.of("linux"),
                Map.of(FAMILY, family, CPU_LABEL, Integer.toString(cpu)), Set.of(), offerings);
    }

    static List<InstanceType> catalog() {
        return catalog(110, ZONES);
    }

    static List<InstanceType> catalog(int pods, List<String> zones) {
        List<InstanceType> out = new ArrayList<>();
        for (int cpu : new int[] {1, 2, 4, 8, 16}) {
            out.add(type("c", "amd64", cpu, 0.05, pods, zones));
        }
        for (int cpu : new int[] {2, 4}) {
            out.add(type("a", "arm64", cpu, 0.06, pods, zones));
        }
        return out;
    }

    static PoolTemplate pool(String name) {
        return PoolTemplate.basic(name, 0, Requirements.NONE, catalog());
    }

    static PoolTemplate pool(String name, Requirement... requirements) {
        return PoolTemplate.basic(name, 0, Requirements.of(requirements), catalog());
    }

    // ---------------------------------------------------------------- pods

    static SchedulablePod pod(String name, String cpu) {
        return pod(name, cpu, Map.of("app", name));
    }

    static SchedulablePod pod(String name, String cpu, Map<String, String> labels) {
        return SchedulablePod.simple("default", name, labels, ResourceList.parse(Map.of(ResourceList.CPU, cpu, ResourceList.MEMORY, "512Mi")));
    }

    /** {@code n} pods labelled {@code app=<app>}, named {@code <app>-<i>}. */
    static List<SchedulablePod> replicas(String app, int n, String cpu) {
        List<SchedulablePod> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(pod(app + "-" + i, cpu, Map.of("app", app)));
        }
        return out;
    }

    static List<SchedulablePod> each(List<SchedulablePod> pods, java.util.function.UnaryOperator<SchedulablePod> f) {
        return pods.stream().map(f).toList();
    }

    @SafeVarargs
    static List<SchedulablePod> all(List<SchedulablePod>... lists) {
        List<SchedulablePod> out = new ArrayList<>();
        Arrays.stream(lists).forEach(out::addAll);
        return out;
    }

    static Requirements sel(String key, String value) {
        return Requirements.fromLabels(Map.of(key, value));
    }

    static Requirements req(Requirement... rs) {
        return Requirements.of(rs);
    }

    static Toleration tolerate(String key, String value, String effect) {
        return new Toleration(key, value == null ? "Exists" : "Equal", value, effect);
    }

    static Taint taint(String key, String value, String effect) {
        return new Taint(key, value, effect);
    }

    static LabelSelector app(String app) {
        return LabelSelector.of(Map.of("app", app), List.of());
    }

    static PodAffinityTerm term(String app, String key) {
        return new PodAffinityTerm(app(app), Set.of("default"), false, key, 0);
    }

    static PodAffinityTerm weighted(String app, String key, int weight) {
        return new PodAffinityTerm(app(app), Set.of("default"), false, key, weight);
    }

    static SpreadConstraint spread(String key, int maxSkew, String app) {
        return new SpreadConstraint(key, maxSkew, true, app(app), 0);
    }

    static SchedulablePod withPort(SchedulablePod p, int port) {
        return p.withHostPorts(List.of(new HostPort("TCP", "", port)));
    }

    // ---------------------------------------------------------------- nodes and claims

    static ExistingNode node(String name, String zone, int cpu, Map<String, String> labels, List<Taint> taints, List<SchedulablePod> pods) {
        Map<String, String> all = new HashMap<>(labels);
        all.put(HOST, name);
        all.put(ZONE, zone);
        ResourceList alloc = ResourceList.parse(Map.of(ResourceList.CPU, Integer.toString(cpu), ResourceList.MEMORY, (2 * cpu) + "Gi", ResourceList.PODS, "110"));
        return new ExistingNode(name, all, taints, alloc, pods);
    }

    static ExistingNode node(String name, String zone, SchedulablePod... pods) {
        return node(name, zone, 4, Map.of(), List.of(), List.of(pods));
    }

    /**
     * A claim of an earlier pass as the next pass sees it, the way the operator reads a NodeClaim: its
     * requirements, and while not launched the room of the smallest type it allows.
     */
    static InFlightClaim inFlight(NewClaim c, String name, boolean withPods) {
        ResourceList smallest = null;
        for (InstanceOption o : c.options()) {
            ResourceList a = o.instanceType().allocatable();
            if (smallest == null || a.milli(ResourceList.CPU) < smallest.milli(ResourceList.CPU)) {
                smallest = a;
            }
        }
        return new InFlightClaim(name, c.nodePool(), c.requirements(), c.taints(), smallest, withPods ? c.pods() : List.of());
    }

    static List<InFlightClaim> inFlight(SchedulingResult r) {
        List<InFlightClaim> out = new ArrayList<>();
        for (int i = 0; i < r.newClaims().size(); i++) {
            out.add(inFlight(r.newClaims().get(i), "claim-" + i, false));
        }
        return out;
    }

    // ---------------------------------------------------------------- running and reading

    static SchedulingResult provision(List<SchedulablePod> pods, PoolTemplate... pools) {
        return Scheduler.provision(new SchedulingInput(pods, List.of(), List.of(), List.of(pools)));
    }

    static SchedulingResult provision(List<SchedulablePod> pods, List<ExistingNode> nodes, List<InFlightClaim> claims, PoolTemplate... pools) {
        return Scheduler.provision(new SchedulingInput(pods, nodes, claims, List.of(pools)));
    }

    static String zone(Outcome.Claim c) {
        return c.zone();
    }

    static String cheapestType(Outcome.Claim c) {
        return c.instanceType();
    }

    static Set<String> typeNames(Outcome.Claim c) {
        return new TreeSet<>(c.typeOptions());
    }

    static Set<String> pending(Outcome o) {
        return new TreeSet<>(o.pendingPods());
    }

    static List<Integer> podsPerClaim(Outcome o) {
        return o.newClaims().stream().map(c -> c.pods().size()).sorted().toList();
    }

    /** Pods per zone on the new claims (a claim whose zone is still open counts under "?"). */
    static Map<String, Integer> podsPerZone(Outcome o) {
        Map<String, Integer> out = new TreeMap<>();
        for (Outcome.Claim c : o.newClaims()) {
            out.merge(c.zone() == null ? "?" : c.zone(), c.pods().size(), Integer::sum);
        }
        return out;
    }

    static Outcome.Claim claimOf(Outcome o, String pod) {
        return o.newClaims().stream().filter(c -> c.pods().contains(pod)).findFirst().orElse(null);
    }

    static String zone(NewClaim c) {
        return c.requirements().singleValue(ZONE);
    }

    static String cheapestType(NewClaim c) {
        return c.cheapest().name();
    }

    static Set<String> typeNames(NewClaim c) {
        Set<String> out = new TreeSet<>();
        c.options().forEach(o -> out.add(o.name()));
        return out;
    }

    static Set<String> pending(SchedulingResult r) {
        Set<String> out = new TreeSet<>();
        for (UnschedulablePod u : r.unschedulable()) {
            out.add(u.pod().name());
        }
        return out;
    }

    /** Pods per zone on the new claims (a claim whose zone is still open counts under "?"). */
    static Map<String, Integer> podsPerZone(SchedulingResult r) {
        Map<String, Integer> out = new TreeMap<>();
        for (NewClaim c : r.newClaims()) {
            String z = zone(c);
            out.merge(z == null ? "?" : z, c.pods().size(), Integer::sum);
        }
        return out;
    }

    static List<Integer> podsPerClaim(SchedulingResult r) {
        return r.newClaims().stream().map(c -> c.pods().size()).sorted().toList();
    }

    static NewClaim claimOf(SchedulingResult r, String pod) {
        for (NewClaim c : r.newClaims()) {
            if (c.pods().stream().anyMatch(p -> p.name().equals(pod))) {
                return c;
            }
        }
        return null;
    }

    static String placedOn(SchedulingResult r, String pod) {
        return r.onExistingNodes().stream().filter(p -> p.pod().name().equals(pod)).map(p -> p.target()).findFirst()
                .orElseGet(() -> r.onInFlightClaims().stream().filter(p -> p.pod().name().equals(pod)).map(p -> p.target()).findFirst().orElse(null));
    }
}
