package dev.ebbflow.provisioner.bench;

import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.scheduling.InstanceOption;
import dev.ebbflow.provisioner.scheduling.NewClaim;
import dev.ebbflow.provisioner.scheduling.PodConverter;
import dev.ebbflow.provisioner.scheduling.PoolTemplate;
import dev.ebbflow.provisioner.scheduling.Requirements;
import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import dev.ebbflow.provisioner.scheduling.Scheduler;
import dev.ebbflow.provisioner.scheduling.SchedulingInput;
import dev.ebbflow.provisioner.scheduling.SchedulingResult;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Karpenter's scheduling benchmark rebuilt for this core, run on demand (not a test):
 *
 * <pre>mvn -q -o -pl provisioner -am test-compile -Pbench [-Dbench.sizes=1000,20000]</pre>
 *
 * The workload is {@link KarpenterWorkload}'s: 400 fake instance types and six pod kinds. The timed
 * region starts from the Kubernetes Pod objects: it converts them and runs the provisioning
 * simulation, as the provisioner does for a batch. Every size's result is first checked by
 * {@link PlacementChecker}; any unschedulable pod or broken rule fails the run. Prints, per size, the
 * median over the timed runs of wall-clock and thread CPU nanoseconds and of bytes allocated per pod, the heap the converted
 * pods and the result keep per pod, the node count, a fingerprint of the decisions (to compare two
 * builds: equal fingerprints, equal claims and placements) and the load average around the runs.
 */
public final class SchedulingBenchmark {

    static final int[] SIZES = {1000, 2000, 5000, 10000, 20000, 50000};
    static final int COST_PODS = 10000;
    static final Set<String> ZONES = Set.of("test-zone-1", "test-zone-2", "test-zone-3");
    /** Thread CPU time and allocation: on a shared machine, CPU time is what the run itself used. */
    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private SchedulingBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int[] sizes = args.length == 0 ? SIZES : Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        List<InstanceType> types = KarpenterWorkload.instanceTypes(400);
        PoolTemplate pool = PoolTemplate.basic("default", 0, Requirements.NONE, types);
        System.out.printf("%7s %9s %9s %10s %11s %11s %11s %6s %18s  %s%n", "pods", "median ms", "ns/pod", "pods/s", "cpu ns/pod", "alloc B/pod",
                "kept B/pod", "nodes", "fingerprint", "load average (before / after)");
        for (int size : sizes) {
            List<Pod> pods = new KarpenterWorkload(42).diversePods(size);
            String loadBefore = loadAverage();
            SchedulingResult first = provision(pods, pool);
            List<String> violations = PlacementChecker.check(pods, first, List.of(), ZONES);
            if (!violations.isEmpty()) {
                violations.stream().limit(20).forEach(System.out::println);
                throw new IllegalStateException(size + " pods: " + violations.size() + " violations, first: " + violations.get(0));
            }
            long kept = keptBytes(pods, pool);
            int warmups = Math.max(2, 10000 / size);
            for (int i = 0; i < warmups; i++) {
                provision(pods, pool);
            }
            long[] nanos = new long[runs];
            long[] allocated = new long[runs];
            long[] cpu = new long[runs];
            for (int i = 0; i < runs; i++) {
                long a0 = allocatedBytes();
                long c0 = THREADS.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                provision(pods, pool);
                nanos[i] = System.nanoTime() - t0;
                cpu[i] = THREADS.getCurrentThreadCpuTime() - c0;
                allocated[i] = allocatedBytes() - a0;
            }
            Arrays.sort(nanos);
            Arrays.sort(allocated);
            Arrays.sort(cpu);
            double median = nanos[runs / 2];
            System.out.printf("%7d %9.1f %9.0f %10.0f %11d %11d %11d %6d %18s  %s / %s%n", size, median / 1e6, median / size, size / (median / 1e9),
                    cpu[runs / 2] / size, allocated[runs / 2] / size, kept / size, first.newClaims().size(), fingerprint(first), loadBefore, loadAverage());
        }
        System.out.println("Cost on a mixed catalog (3 families, 2-96 vCPU, kube-reserved, 2 DaemonSets) against the LP relaxation:");
        System.out.println(CostAgainstBound.measure(COST_PODS, false));
        System.out.println(CostAgainstBound.measure(COST_PODS, true));
    }

    /** The timed region: Pods to the core's form, then the simulation. */
    static SchedulingResult provision(List<Pod> pods, PoolTemplate pool) {
        List<SchedulablePod> converted = new ArrayList<>(pods.size());
        for (Pod p : pods) {
            converted.add(PodConverter.convert(p));
        }
        return Scheduler.provision(new SchedulingInput(converted, List.of(), List.of(), List.of(pool)));
    }

    /** Heap still reachable from one run's result (converted pods included), after a full collection. */
    private static long keptBytes(List<Pod> pods, PoolTemplate pool) {
        long before = usedAfterGc();
        SchedulingResult r = provision(pods, pool);
        long after = usedAfterGc();
        return r.newClaims().isEmpty() ? 0 : Math.max(0, after - before);
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static long allocatedBytes() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /** A hash of every claim in order: pool, requirements, pods in placement order, options. */
    static String fingerprint(SchedulingResult r) {
        long h = 17;
        for (NewClaim c : r.newClaims()) {
            h = 31 * h + c.nodePool().hashCode();
            h = 31 * h + c.requirements().toString().hashCode();
            for (SchedulablePod p : c.pods()) {
                h = 31 * h + p.name().hashCode();
            }
            for (InstanceOption o : c.options()) {
                h = 31 * h + o.name().hashCode() * 7 + o.offering().zone().hashCode();
            }
        }
        return Long.toHexString(h);
    }

    static String loadAverage() throws IOException {
        String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return f[0] + " " + f[1] + " " + f[2];
    }
}
