package dev.ebbflow.provisioner.bench;

import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Offering;
import dev.ebbflow.provisioner.catalog.ResourceList;
import dev.ebbflow.provisioner.scheduling.LabelSelector;
import dev.ebbflow.provisioner.scheduling.NewClaim;
import dev.ebbflow.provisioner.scheduling.PodAffinityTerm;
import dev.ebbflow.provisioner.scheduling.PoolTemplate;
import dev.ebbflow.provisioner.scheduling.Requirements;
import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import dev.ebbflow.provisioner.scheduling.Scheduler;
import dev.ebbflow.provisioner.scheduling.SchedulingInput;
import dev.ebbflow.provisioner.scheduling.SchedulingResult;
import dev.ebbflow.provisioner.scheduling.SpreadConstraint;
import dev.ebbflow.provisioner.scheduling.WellKnownLabels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The shape of Karpenter's published scheduling benchmark, run on demand (not a test):
 *
 * <pre>mvn -q -o -pl provisioner -am test-compile -Pbench</pre>
 *
 * 400 instance types (type i: i vCPU, 2i GiB, 10i pods, price 0.1 per vCPU + 0.1 per GiB, spot in 2
 * zones, on-demand in 3); pods split evenly into generic, zonal spread (maxSkew 1), hostname spread,
 * zonal self-affinity and hostname anti-affinity, with random requests. Prints pods/s (median of
 * several timed runs after warm-up) and nodes per size, then for generic pods alone the price of
 * new capacity against the lower bound and the utilisation of the new nodes.
 */
public final class SchedulingBenchmark {

    private static final long[] CPU_MILLI = {100, 250, 500, 1000, 1500};
    private static final long[] MEMORY_MI = {100, 256, 512, 1024, 2048, 4096};
    private static final int[] SIZES = {100, 500, 1000, 2000, 5000, 10000, 20000};
    private static final long MI = 1L << 20;
    private static final long GI = 1L << 30;

    private SchedulingBenchmark() {
    }

    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? SIZES : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        List<InstanceType> types = instanceTypes(400);
        PoolTemplate pool = PoolTemplate.basic("default", 0, Requirements.NONE, types);
        System.out.printf("%8s %12s %10s %8s %14s%n", "pods", "pods/s", "median ms", "nodes", "unschedulable");
        for (int size : sizes) {
            List<SchedulablePod> pods = mixedPods(size, new Random(42));
            SchedulingInput input = new SchedulingInput(pods, List.of(), List.of(), List.of(pool));
            SchedulingResult result = null;
            int warmups = size <= 2000 ? 10 : 3;
            for (int i = 0; i < warmups; i++) {
                result = Scheduler.provision(input);
            }
            int runs = size <= 2000 ? 9 : 5;
            long[] nanos = new long[runs];
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                result = Scheduler.provision(input);
                nanos[i] = System.nanoTime() - t0;
            }
            Arrays.sort(nanos);
            double medianSeconds = nanos[runs / 2] / 1e9;
            System.out.printf("%8d %12.0f %10.1f %8d %14d%n", size, size / medianSeconds, medianSeconds * 1000,
                    result.newClaims().size(), result.unschedulable().size());
        }
        System.out.println();
        System.out.printf("%8s %8s %12s %12s %8s %8s %8s%n", "generic", "nodes", "price $/h", "bound $/h", "ratio", "cpu%", "mem%");
        for (int size : sizes) {
            List<SchedulablePod> pods = genericPods(size, new Random(7));
            SchedulingResult r = Scheduler.provision(new SchedulingInput(pods, List.of(), List.of(), List.of(pool)));
            long cpu = 0;
            long memory = 0;
            for (SchedulablePod p : pods) {
                cpu += p.requests().milli(ResourceList.CPU);
                memory += p.requests().milli(ResourceList.MEMORY);
            }
            // Every type costs 0.1 per vCPU plus 0.1 per GiB and has 2 GiB per vCPU, i.e. 0.3 per vCPU
            // and 0.15 per GiB: capacity for the requests costs at least the larger of the two.
            double bound = Math.max(cpu / 1000.0 * 0.3, memory / 1000.0 / GI * 0.15);
            long capCpu = 0;
            long capMemory = 0;
            for (NewClaim c : r.newClaims()) {
                capCpu += c.cheapest().instanceType().allocatable().milli(ResourceList.CPU);
                capMemory += c.cheapest().instanceType().allocatable().milli(ResourceList.MEMORY);
            }
            System.out.printf("%8d %8d %12.2f %12.2f %8.3f %8.1f %8.1f%n", size, r.newClaims().size(), r.newCapacityPrice(), bound,
                    r.newCapacityPrice() / bound, 100.0 * cpu / capCpu, 100.0 * memory / capMemory);
        }
    }

    public static List<InstanceType> instanceTypes(int count) {
        List<InstanceType> out = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            double price = 0.1 * i + 0.1 * 2 * i;
            ResourceList capacity = ResourceList.ofMilli(Map.of(ResourceList.CPU, i * 1000L, ResourceList.MEMORY, 2L * i * GI * 1000,
                    ResourceList.PODS, 10L * i * 1000));
            List<Offering> offerings = List.of(
                    new Offering("zone-1", Offering.SPOT, price, true),
                    new Offering("zone-2", Offering.SPOT, price, true),
                    new Offering("zone-1", Offering.ON_DEMAND, price, true),
                    new Offering("zone-2", Offering.ON_DEMAND, price, true),
                    new Offering("zone-3", Offering.ON_DEMAND, price, true));
            out.add(new InstanceType("type-" + i, capacity, ResourceList.EMPTY, "amd64", Set.of("linux"), Map.of(), Set.of(), offerings));
        }
        return out;
    }

    private static SchedulablePod randomPod(String name, Map<String, String> labels, Random random) {
        long cpu = CPU_MILLI[random.nextInt(CPU_MILLI.length)];
        long memory = MEMORY_MI[random.nextInt(MEMORY_MI.length)] * MI * 1000;
        return SchedulablePod.simple("default", name, labels, ResourceList.ofMilli(Map.of(ResourceList.CPU, cpu, ResourceList.MEMORY, memory)));
    }

    public static List<SchedulablePod> genericPods(int count, Random random) {
        List<SchedulablePod> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(randomPod("generic-" + i, Map.of("app", "generic"), random));
        }
        return out;
    }

    public static List<SchedulablePod> mixedPods(int count, Random random) {
        List<SchedulablePod> out = new ArrayList<>();
        LabelSelector zonalSpread = LabelSelector.of(Map.of("app", "zonal-spread"), List.of());
        LabelSelector hostSpread = LabelSelector.of(Map.of("app", "host-spread"), List.of());
        LabelSelector zonalAffinity = LabelSelector.of(Map.of("app", "zonal-affinity"), List.of());
        LabelSelector hostAnti = LabelSelector.of(Map.of("app", "host-anti"), List.of());
        for (int i = 0; i < count; i++) {
            switch (i % 5) {
                case 0 -> out.add(randomPod("generic-" + i, Map.of("app", "generic"), random));
                case 1 -> out.add(randomPod("zonal-spread-" + i, Map.of("app", "zonal-spread"), random)
                        .withSpread(List.of(new SpreadConstraint(WellKnownLabels.ZONE, 1, true, zonalSpread, 0))));
                case 2 -> out.add(randomPod("host-spread-" + i, Map.of("app", "host-spread"), random)
                        .withSpread(List.of(new SpreadConstraint(WellKnownLabels.HOSTNAME, 1, true, hostSpread, 0))));
                case 3 -> out.add(randomPod("zonal-affinity-" + i, Map.of("app", "zonal-affinity"), random)
                        .withPodAffinity(List.of(new PodAffinityTerm(zonalAffinity, Set.of("default"), false, WellKnownLabels.ZONE, 0)), List.of()));
                default -> out.add(randomPod("host-anti-" + i, Map.of("app", "host-anti"), random)
                        .withPodAntiAffinity(List.of(new PodAffinityTerm(hostAnti, Set.of("default"), false, WellKnownLabels.HOSTNAME, 0)), List.of()));
            }
        }
        return out;
    }
}
