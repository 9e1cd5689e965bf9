package dev.ebbflow.provisioner.bench;

import dev.ebbflow.crds.karpenter.Budget;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Offering;
import dev.ebbflow.provisioner.catalog.ResourceList;
import dev.ebbflow.provisioner.disruption.Command;
import dev.ebbflow.provisioner.disruption.Consolidation;
import dev.ebbflow.provisioner.disruption.ConsolidationInput;
import dev.ebbflow.provisioner.disruption.DisruptionSettings;
import dev.ebbflow.provisioner.disruption.Nominations;
import dev.ebbflow.provisioner.disruption.NodeState;
import dev.ebbflow.provisioner.disruption.Offer;
import dev.ebbflow.provisioner.disruption.PodState;
import dev.ebbflow.provisioner.scheduling.ExistingNode;
import dev.ebbflow.provisioner.scheduling.NewClaim;
import dev.ebbflow.provisioner.scheduling.Placement;
import dev.ebbflow.provisioner.scheduling.PoolTemplate;
import dev.ebbflow.provisioner.scheduling.Requirements;
import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import dev.ebbflow.provisioner.scheduling.Scheduler;
import dev.ebbflow.provisioner.scheduling.SchedulingInput;
import dev.ebbflow.provisioner.scheduling.SchedulingResult;
import dev.ebbflow.provisioner.scheduling.WellKnownLabels;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Consolidation on a large cluster and against the exhaustive optimum on small ones, run on demand
 * (not a test):
 *
 * <pre>mvn -q -o -pl provisioner -am test-compile -Pbench-consolidation</pre>
 *
 * Large: 1,000 on-demand nodes of 16, 32, 48 and 64 vCPU (4 GiB per vCPU, 0.048 $/vCPU-hour) running
 * 30,000 pods of 100m to 1 vCPU, each node filled towards a random 10-75 % (about 40 % of the cluster's cpu). Prints the
 * time of one consolidation decision (median of several after warm-up), then applies decisions one
 * after another (each command's pods placed by the provisioning core, its replacement launched)
 * until none is left or the rounds run out, and prints nodes removed and the monthly (730 h) saving.
 * Small: random clusters of 10 nodes; the best reachable cost is found by trying every subset of
 * nodes to keep (the pods of the others packed onto the kept nodes and new ones by the provisioning
 * core); prints the decisions' saving as a share of the best saving.
 */
public final class ConsolidationBenchmark {

    private static final int[] SIZES = {16, 32, 48, 64};
    private static final long[] CPU_MILLI = {100, 250, 500, 750, 1000};
    private static final double PRICE_PER_CPU = 0.048;
    private static final long GI = 1L << 30;
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String POOL = "default";
    private static final double HOURS_PER_MONTH = 730;

    private ConsolidationBenchmark() {
    }

    public static void main(String[] args) {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int pods = args.length > 1 ? Integer.parseInt(args[1]) : 30_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        System.out.printf("cores available: %d%n", Runtime.getRuntime().availableProcessors());
        large(nodes, pods, rounds);
        small(10, 20);
    }

    private static void large(int nodeCount, int podCount, int rounds) {
        Cluster c = Cluster.random(nodeCount, podCount, new Random(42));
        System.out.printf("%d nodes, %d pods, %.1f %% of cpu requested, %.2f $/h%n", c.nodes.size(), c.podCount(), 100 * c.utilisation(), c.price());
        ConsolidationInput in = c.input(T0.plusSeconds(3600));
        for (int i = 0; i < 3; i++) {
            Consolidation.decide(in);
        }
        int runs = 5;
        long[] nanos = new long[runs];
        long[] cpuNanos = new long[runs];
        Consolidation.Result result = null;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < runs; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            result = Consolidation.decide(in);
            nanos[i] = System.nanoTime() - t0;
            cpuNanos[i] = threads.getCurrentThreadCpuTime() - c0;
        }
        Arrays.sort(nanos);
        Arrays.sort(cpuNanos);
        Command first = result.command().orElse(null);
        // On a shared machine the wall time includes waiting for a core; the thread's CPU time does not.
        System.out.printf("decision: median %.0f ms wall (min %.0f, max %.0f), %.0f ms CPU; %s%n", nanos[runs / 2] / 1e6, nanos[0] / 1e6,
                nanos[runs - 1] / 1e6, cpuNanos[runs / 2] / 1e6,
                first == null ? "no command" : first.consolidationType() + " " + first.decision().label() + " of " + first.candidates().size()
                        + " nodes, saves " + String.format("%.2f $/h", first.savingsPerHour()));
        double before = c.price();
        int nodesBefore = c.nodes.size();
        long t0 = System.nanoTime();
        int applied = c.consolidate(rounds);
        System.out.printf("after %d decisions (%.1f s): %d -> %d nodes, %.2f -> %.2f $/h, saving %.0f $/month (%.1f %%), %.1f %% of cpu requested%n",
                applied, (System.nanoTime() - t0) / 1e9, nodesBefore, c.nodes.size(), before, c.price(),
                (before - c.price()) * HOURS_PER_MONTH, 100 * (before - c.price()) / before, 100 * c.utilisation());
    }

    private static void small(int nodeCount, int instances) {
        double sumRatio = 0;
        double worst = 1;
        for (int i = 0; i < instances; i++) {
            Random random = new Random(1000 + i);
            Cluster c = Cluster.random(nodeCount, 0, random);
            c.fillTo(random);
            double before = c.price();
            double best = before - c.bestReachablePrice();
            c.consolidate(50);
            double got = before - c.price();
            double ratio = best <= 1e-9 ? 1 : got / best;
            sumRatio += ratio;
            worst = Math.min(worst, ratio);
        }
        System.out.printf("%d instances of %d nodes: decisions reach %.1f %% of the best saving on average, %.1f %% at worst%n", instances,
                nodeCount, 100 * sumRatio / instances, 100 * worst);
    }

    /** A mutable cluster that decisions are applied to. */
    private static final class Cluster {
        final List<InstanceType> types;
        final PoolTemplate pool;
        final Map<String, NodeState> nodes = new LinkedHashMap<>();
        final Map<String, Integer> targetPercent = new HashMap<>();
        int seq;
        int podSeq;
        Instant now = T0.plusSeconds(3600);

        Cluster() {
            types = new ArrayList<>();
            for (int cpu : SIZES) {
                ResourceList capacity = ResourceList.ofMilli(Map.of(ResourceList.CPU, cpu * 1000L, ResourceList.MEMORY, 4L * cpu * GI * 1000,
                        ResourceList.PODS, 250_000L));
                types.add(new InstanceType("m-" + cpu, capacity, ResourceList.EMPTY, "amd64", Set.of("linux"), Map.of(), Set.of(),
                        List.of(new Offering("zone-a", Offering.ON_DEMAND, cpu * PRICE_PER_CPU, true))));
            }
            pool = PoolTemplate.basic(POOL, 0, Requirements.NONE, types);
        }

        static Cluster random(int nodeCount, int podCount, Random random) {
            Cluster c = new Cluster();
            for (int i = 0; i < nodeCount; i++) {
                InstanceType t = c.types.get(random.nextInt(c.types.size()));
                String name = c.add(t, List.of());
                c.targetPercent.put(name, 10 + random.nextInt(66));
            }
            if (podCount > 0) {
                c.spread(podCount, random);
            }
            return c;
        }

        /** Places {@code count} random pods on random nodes below their target fill. */
        void spread(int count, Random random) {
            List<String> names = new ArrayList<>(nodes.keySet());
            Map<String, List<PodState>> pods = new HashMap<>();
            Map<String, Long> used = new HashMap<>();
            int placed = 0;
            int misses = 0;
            while (placed < count && misses < 1_000_000) {
                String n = names.get(random.nextInt(names.size()));
                long cpu = CPU_MILLI[random.nextInt(CPU_MILLI.length)];
                long cap = nodes.get(n).node().allocatable().milli(ResourceList.CPU) * targetPercent.get(n) / 100;
                if (used.getOrDefault(n, 0L) + cpu > cap) {
                    misses++;
                    continue;
                }
                used.merge(n, cpu, Long::sum);
                pods.computeIfAbsent(n, x -> new ArrayList<>()).add(PodState.movable(pod(cpu)));
                placed++;
            }
            pods.forEach((n, p) -> nodes.put(n, withPods(nodes.get(n), p)));
        }

        void fillTo(Random random) {
            for (String n : new ArrayList<>(nodes.keySet())) {
                long cap = nodes.get(n).node().allocatable().milli(ResourceList.CPU) * targetPercent.get(n) / 100;
                List<PodState> p = new ArrayList<>();
                long used = 0;
                while (true) {
                    long cpu = CPU_MILLI[random.nextInt(CPU_MILLI.length)] * 4;
                    if (used + cpu > cap) {
                        break;
                    }
                    used += cpu;
                    p.add(PodState.movable(pod(cpu)));
                }
                nodes.put(n, withPods(nodes.get(n), p));
            }
        }

        SchedulablePod pod(long cpu) {
            return SchedulablePod.simple("default", "pod-" + podSeq++, Map.of("app", "web"),
                    ResourceList.ofMilli(Map.of(ResourceList.CPU, cpu, ResourceList.MEMORY, cpu * 2 * GI)));
        }

        String add(InstanceType t, List<PodState> pods) {
            String name = "node-" + seq++;
            Map<String, String> labels = Map.of(WellKnownLabels.HOSTNAME, name, WellKnownLabels.NODEPOOL, POOL,
                    WellKnownLabels.INSTANCE_TYPE, t.name(), WellKnownLabels.CAPACITY_TYPE, Offering.ON_DEMAND, WellKnownLabels.ZONE, "zone-a");
            ExistingNode node = new ExistingNode(name, labels, List.of(), t.allocatable(), pods.stream().map(PodState::pod).toList());
            nodes.put(name, new NodeState(name, node, POOL, false, true, T0, null, false, pods,
                    new Offer(t.name(), Offering.ON_DEMAND, "zone-a", t.offerings().get(0).pricePerHour()), null));
            return name;
        }

        static NodeState withPods(NodeState n, List<PodState> pods) {
            ExistingNode e = n.node();
            return new NodeState(n.claim(), new ExistingNode(e.name(), e.labels(), e.taints(), e.allocatable(),
                    pods.stream().map(PodState::pod).toList()), n.nodePool(), false, true, n.initializedAt(), null, false, pods, n.offer(), null);
        }

        ConsolidationInput input(Instant at) {
            NodePool p = new NodePool();
            p.getMetadata().setName(POOL);
            p.getSpec().getDisruption().setConsolidateAfter("0s");
            p.getSpec().getDisruption().setBudgets(List.of(new Budget("100%")));
            return new ConsolidationInput(Map.of(POOL, DisruptionSettings.of(p)), new ArrayList<>(nodes.values()), List.of(), List.of(),
                    List.of(pool), List.of(), Nominations.NONE, at, Duration.ZERO, false);
        }

        /** Applies decisions until none is left; returns how many were applied. */
        int consolidate(int rounds) {
            int applied = 0;
            for (int i = 0; i < rounds; i++) {
                Consolidation.Result r = Consolidation.decide(input(now));
                if (r.command().isEmpty()) {
                    break;
                }
                apply(r.command().get());
                applied++;
            }
            return applied;
        }

        /** The pods of the removed nodes go where the provisioning core puts them; a new node is launched for what it makes. */
        void apply(Command command) {
            List<SchedulablePod> moving = new ArrayList<>();
            Set<String> gone = new HashSet<>(command.candidates());
            for (String name : command.candidates()) {
                nodes.remove(name).pods().forEach(p -> moving.add(p.pod()));
            }
            List<ExistingNode> stay = nodes.values().stream().map(NodeState::node).toList();
            SchedulingResult r = Scheduler.provision(new SchedulingInput(moving, stay, List.of(), List.of(pool)));
            if (!r.unschedulable().isEmpty() || gone.isEmpty()) {
                throw new IllegalStateException("a command's pods did not fit: " + r.unschedulable());
            }
            Map<String, List<PodState>> added = new HashMap<>();
            for (Placement p : r.onExistingNodes()) {
                added.computeIfAbsent(p.target(), x -> new ArrayList<>()).add(PodState.movable(p.pod()));
            }
            added.forEach((n, p) -> {
                List<PodState> all = new ArrayList<>(nodes.get(n).pods());
                all.addAll(p);
                nodes.put(n, withPods(nodes.get(n), all));
            });
            for (NewClaim claim : r.newClaims()) {
                add(claim.cheapest().instanceType(), claim.pods().stream().map(PodState::movable).toList());
            }
        }

        /** Every subset of nodes to keep, the pods of the others packed onto them and new nodes: the cheapest outcome. */
        double bestReachablePrice() {
            List<NodeState> all = new ArrayList<>(nodes.values());
            double best = price();
            for (int keep = 0; keep < (1 << all.size()); keep++) {
                List<ExistingNode> kept = new ArrayList<>();
                List<SchedulablePod> moving = new ArrayList<>();
                double price = 0;
                for (int i = 0; i < all.size(); i++) {
                    if ((keep & (1 << i)) != 0) {
                        kept.add(all.get(i).node());
                        price += all.get(i).offer().pricePerHour();
                    } else {
                        all.get(i).pods().forEach(p -> moving.add(p.pod()));
                    }
                }
                if (price >= best) {
                    continue;
                }
                SchedulingResult r = Scheduler.provision(new SchedulingInput(moving, kept, List.of(), List.of(pool)));
                if (r.unschedulable().isEmpty()) {
                    best = Math.min(best, price + r.newCapacityPrice());
                }
            }
            return best;
        }

        double price() {
            return nodes.values().stream().mapToDouble(n -> n.offer().pricePerHour()).sum();
        }

        int podCount() {
            return nodes.values().stream().mapToInt(n -> n.pods().size()).sum();
        }

        double utilisation() {
            long req = 0;
            long cap = 0;
            for (NodeState n : nodes.values()) {
                cap += n.node().allocatable().milli(ResourceList.CPU);
                for (PodState p : n.pods()) {
                    req += p.pod().requests().milli(ResourceList.CPU);
                }
            }
            return (double) req / cap;
        }
    }
}
