package dev.ebbflow.operator.simulate;

import dev.ebbflow.operator.simulate.engine.Simulation;
import dev.ebbflow.operator.simulate.report.SimulationResult;
import dev.ebbflow.operator.simulate.report.SummaryTable;
import dev.ebbflow.operator.simulate.scenario.Scenario;
import dev.ebbflow.operator.simulate.scenario.ScenarioLoader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * On-demand harness (surefire skips *Benchmark* classes): a 24-hour diurnal trace that drives a
 * worker to thousands of pods on a NodePool, simulated at 1 s steps. Prints the wall and CPU time
 * of each run (the first includes JIT warm-up, as a CLI run does); the target is under 10 s. Run it with:
 *
 * <pre>mvn -B -q -pl operator -am test -Dtest=SimulationBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
class SimulationBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    static final int RUNS = Integer.getInteger("runs", 3);

    @Test
    void aDayWithThousandsOfPods() throws IOException {
        Path dir = Files.createTempDirectory("ebbflow-benchmark");
        Path csv = Path.of("..", "examples", "simulations", "diurnal", "orders-per-second.csv").toAbsolutePath().normalize();
        Files.writeString(dir.resolve("manifests.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: worker}
                spec:
                  replicas: 10
                  template:
                    spec:
                      containers: [{name: w, image: w, resources: {requests: {cpu: 250m, memory: 512Mi}}}]
                ---
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: {name: worker}
                spec:
                  scaleTargetRef: {name: worker}
                  pollingInterval: 15
                  minReplicaCount: 1
                  maxReplicaCount: 5000
                  triggers:
                    - type: rabbitmq
                      metadata: {queueName: orders, mode: QueueLength, value: "10", host: "amqp://localhost"}
                ---
                apiVersion: ebbflow.dev/v1alpha1
                kind: SimulatedNodeClass
                metadata: {name: default}
                spec: {sizes: [4, 8, 16, 32, 64], architectures: [amd64], bootDelay: 45s, markSimulated: false}
                ---
                apiVersion: karpenter.sh/v1
                kind: NodePool
                metadata: {name: workers}
                spec:
                  template:
                    spec:
                      nodeClassRef: {group: ebbflow.dev, kind: SimulatedNodeClass, name: default}
                      requirements: []
                  disruption: {consolidationPolicy: WhenEmpty, consolidateAfter: 5m}
                """);
        // The diurnal example's shape, 8 times the orders, at 0.5 message/s per pod: ~3,800 pods at the evening peak.
        Files.writeString(dir.resolve("day.yaml"), """
                name: day-of-thousands
                duration: 24h
                step: 1s
                seed: 3
                manifests: [manifests.yaml]
                cluster: {podStartupTime: 20s}
                queues:
                  - name: orders
                    consumer: worker
                    messagesPerPodPerSecond: 0.5
                    producers:
                """ + ("      - {csv: \"" + csv + "\", interpolate: linear}\n").repeat(8));
        Scenario scenario = new ScenarioLoader().load(dir.resolve("day.yaml"));
        for (int i = 1; i <= RUNS; i++) {
            long started = System.nanoTime();
            long cpuStarted = THREADS.getCurrentThreadCpuTime();
            SimulationResult r = Simulation.run(scenario, Simulation.Progress.NONE);
            double seconds = (System.nanoTime() - started) / 1e9;
            double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpuStarted) / 1e9;
            System.out.printf(Locale.ROOT, "run %d: 24h simulated in %.2f s wall, %.2f s CPU, load average %.1f (peak %d replicas, %d peak nodes, %.0f pod-hours, %d events)%n",
                    i, seconds, cpuSeconds, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), r.summary().workloads().get(0).peakReplicas(), r.summary().peakNodes(), r.summary().podHours(), r.events().size());
            if (i == RUNS) {
                System.out.println(SummaryTable.render(List.of(r)));
            }
        }
    }
}
