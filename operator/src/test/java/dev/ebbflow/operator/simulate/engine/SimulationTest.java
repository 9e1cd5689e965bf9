package dev.ebbflow.operator.simulate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.operator.simulate.report.Columns;
import dev.ebbflow.operator.simulate.report.ScaleEvent;
import dev.ebbflow.operator.simulate.report.SimulationResult;
import dev.ebbflow.operator.simulate.report.Summary;
import dev.ebbflow.operator.simulate.report.SummaryTable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenarios whose outcome can be worked out by hand. */
class SimulationTest {

    @TempDir
    Path dir;

    private static java.util.List<Double> tail(double[] values, int n) {
        return Arrays.stream(Arrays.copyOfRange(values, values.length - n, values.length)).boxed().toList();
    }

    @Test
    void aRateBelowOnePodsCapacityKeepsOneReplica() {
        // 3 messages/s against 5 per pod: one pod is busy 60 % of the time, the queue never grows, and
        // the metric (waiting + in-flight) stays below 1, far under the target of 10 per replica.
        var s = TestScenarios.load(dir, "one", TestScenarios.deployment("worker", 1, "100m", "128Mi") + "---\n"
                + TestScenarios.rabbitScaledObject("worker", "jobs", 10, 5, 60, 0, 20) + "---\n" + TestScenarios.BIG_NODE, """
                duration: 1h
                cluster: {podStartupTime: 5s}
                queues:
                  - {name: jobs, consumer: worker, messagesPerPodPerSecond: 5, arrivalNoise: none, arrivals: [{rate: 3}]}
                """);
        SimulationResult r = Simulation.run(s, Simulation.Progress.NONE);
        Summary.WorkloadSummary w = r.summary().workloads().get(0);
        assertThat(w.peakReplicas()).isEqualTo(1);
        assertThat(w.averageReplicas()).isEqualTo(1.0);
        assertThat(r.events()).noneMatch(e -> e.object().equals("deployment/worker"));
        Summary.QueueSummary q = r.summary().queues().get(0);
        assertThat(q.consumed()).isCloseTo(q.arrived() - q.backlogAtEnd(), org.assertj.core.data.Offset.offset(1e-6));
        // The only wait is the 5 s start-up of the first pod.
        assertThat(q.maxWait()).isLessThanOrEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void overAmqpTheScalerCannotSeeUnacknowledgedMessagesSoTheSameLoadScalesToZero() {
        // The same 3/s as above, read over AMQP: the declare-ok count leaves out the message the busy
        // pod holds, so a drained queue reads 0, the trigger is inactive and after the 60 s cooldown
        // KEDA scales to zero; messages then pile up until the next poll activates it again.
        var s = TestScenarios.load(dir, "amqp", TestScenarios.deployment("worker", 1, "100m", "128Mi") + "---\n"
                + TestScenarios.rabbitScaledObject("worker", "jobs", 10, 5, 60, 0, 20, TestScenarios.AMQP) + "---\n" + TestScenarios.BIG_NODE, """
                duration: 1h
                cluster: {podStartupTime: 5s}
                queues:
                  - {name: jobs, consumer: worker, messagesPerPodPerSecond: 5, arrivalNoise: none, arrivals: [{rate: 3}]}
                """);
        SimulationResult r = Simulation.run(s, Simulation.Progress.NONE);
        assertThat(r.events()).anyMatch(e -> e.by().equals("keda") && e.to() == 0);
        assertThat(r.events()).anyMatch(e -> e.by().equals("keda") && e.from() == 0 && e.to() == 1);
        assertThat(r.summary().queues().get(0).maxWait()).isGreaterThan(Duration.ofSeconds(5));
    }

    @Test
    void scalingModifiersCombineTwoQueuesIntoOneMetric() {
        // Two queues of 20/s each, read through a formula that adds them: the composite metric is the
        // sum, and with a target of 1 per replica the worker rests at what both need: 40/s at 2.5/s per pod, 16 pods.
        String so = """
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: {name: worker}
                spec:
                  scaleTargetRef: {name: worker}
                  pollingInterval: 5
                  minReplicaCount: 1
                  maxReplicaCount: 50
                  advanced:
                    scalingModifiers: {formula: "a + b", target: "1"}
                  triggers:
                    - {type: rabbitmq, name: a, metadata: {queueName: qa, mode: QueueLength, value: "1", host: "%s"}}
                    - {type: rabbitmq, name: b, metadata: {queueName: qb, mode: QueueLength, value: "1", host: "%s"}}
                """.formatted(TestScenarios.MANAGEMENT_API, TestScenarios.MANAGEMENT_API);
        var s = TestScenarios.load(dir, "modifiers", TestScenarios.deployment("worker", 1, "100m", "128Mi") + "---\n" + so + "---\n"
                + TestScenarios.BIG_NODE, """
                duration: 1h
                sampleEvery: 1m
                cluster: {podStartupTime: 10s}
                queues:
                  - {name: qa, consumer: worker, messagesPerPodPerSecond: 2.5, arrivalNoise: none, arrivals: [{rate: 20}]}
                  - {name: qb, consumer: worker, messagesPerPodPerSecond: 2.5, arrivalNoise: none, arrivals: [{rate: 20}]}
                """);
        SimulationResult r = Simulation.run(s, Simulation.Progress.NONE);
        assertThat(r.events()).anyMatch(e -> e.reason().contains("s0-rabbitmq-qa"));
        assertThat(tail(r.series().column(Columns.desired("worker")), 15)).allSatisfy(v -> assertThat(v).isBetween(16 * 0.9, 16 * 1.1));
    }

    @Test
    void aRateOfKPodsCapacitySettlesAtKReplicas() {
        // 8 pods' worth (40/s at 5/s per pod) with a target of 1 message per replica: once the queue
        // is drained, the messages held by busy pods are exactly the 8 busy pods, so the HPA's
        // ceil(8 / 1) = 8 is where it rests (and anything within its 10 % tolerance of that).
        int k = 8;
        var s = TestScenarios.load(dir, "k", TestScenarios.deployment("worker", 1, "100m", "128Mi") + "---\n"
                + TestScenarios.rabbitScaledObject("worker", "jobs", 1, 5, 300, 1, 50) + "---\n" + TestScenarios.BIG_NODE, """
                duration: 2h
                step: 1s
                sampleEvery: 1m
                cluster: {podStartupTime: 10s}
                queues:
                  - {name: jobs, consumer: worker, messagesPerPodPerSecond: 5, arrivalNoise: none, arrivals: [{rate: %d}]}
                """.formatted(k * 5));
        SimulationResult r = Simulation.run(s, Simulation.Progress.NONE);
        var lastHalfHour = tail(r.series().column(Columns.desired("worker")), 30);
        assertThat(lastHalfHour).allSatisfy(v -> assertThat(v).isBetween(Math.floor(k * 0.9), Math.ceil(k * 1.1)));
        assertThat(tail(r.series().column(Columns.ready("worker")), 30)).allSatisfy(v -> assertThat(v).isGreaterThanOrEqualTo(k));
        assertThat(tail(r.series().column(Columns.backlog("jobs")), 30)).allSatisfy(v -> assertThat(v).isLessThan(k * 5.0));
    }

    @Test
    void anOversizedNodeIsReplacedByACheaperOneAndItsPodMoves() {
        // A 16-vCPU node of the pool runs one 500m pod: consolidation (the operator's own decision)
        // launches a 4-vCPU replacement, removes the big node once it is ready, and the pod follows.
        String oversized = TestScenarios.oversizedNode();
        var s = TestScenarios.load(dir, "consolidate", TestScenarios.deployment("web", 1, "500m", "512Mi") + "---\n"
                + TestScenarios.nodePool("pool", "{}", "30s", "[4, 16]").replace("consolidationPolicy: WhenEmpty,",
                        "consolidationPolicy: WhenEmptyOrUnderutilized,") + "---\n" + oversized, """
                duration: 10m
                cluster: {podStartupTime: 5s, nodeBootTime: 30s}
                """);
        SimulationResult r = Simulation.run(s, Simulation.Progress.NONE);
        ScaleEvent removal = r.events().stream().filter(e -> e.by().equals("consolidation") && e.reason().startsWith("removed")).findFirst()
                .orElseThrow();
        assertThat(removal.reason()).contains("removed oversized").contains("Underutilized/replace, single").contains("replaced by c-4x");
        // consolidateAfter (30 s) and the nomination window (20 s), the validation (15 s), the replacement's boot (30 s).
        assertThat(removal.at()).isGreaterThanOrEqualTo(Duration.ofSeconds(30 + 15 + 30));
        double[] nodes = r.series().column(Columns.NODES);
        assertThat(nodes[nodes.length - 1]).isEqualTo(1);
        double[] ready = r.series().column(Columns.ready("web"));
        assertThat(ready[ready.length - 1]).isEqualTo(1);
    }

    @Test
    void noArrivalsForLongerThanTheCooldownScalesToZeroAndEmptyNodesGo() {
        // 20/s for 10 minutes, then nothing. KEDA deactivates once the queue reads 0 for more than the
        // 120 s cooldown, polled every 10 s; the NodePool's node is then empty and goes 60 s later.
        var s = TestScenarios.load(dir, "zero", TestScenarios.deployment("worker", 0, "500m", "512Mi") + "---\n"
                + TestScenarios.rabbitScaledObject("worker", "jobs", 10, 10, 120, 0, 20) + "---\n"
                + TestScenarios.nodePool("pool", "{}", "60s", "[4]"), """
                duration: 40m
                cluster: {podStartupTime: 10s, nodeBootTime: 30s}
                queues:
                  - name: jobs
                    consumer: worker
                    messagesPerPodPerSecond: 5
                    arrivalNoise: none
                    arrivals: [{at: 0s, rate: 20}, {at: 10m, rate: 0}]
                """);
        SimulationResult r = Simulation.run(s, Simulation.Progress.NONE);
        ScaleEvent activation = r.events().stream().filter(e -> e.by().equals("keda") && e.from() == 0).findFirst().orElseThrow();
        assertThat(activation.at()).isLessThanOrEqualTo(Duration.ofSeconds(10));
        ScaleEvent toZero = r.events().stream().filter(e -> e.by().equals("keda") && e.to() == 0).findFirst().orElseThrow();
        // The last active poll was at most one polling interval before 10m; scale-in needs strictly
        // more than the cooldown after it, seen at the next poll.
        assertThat(toZero.at()).isGreaterThan(Duration.ofMinutes(10).plusSeconds(120 - 10));
        assertThat(toZero.at()).isLessThanOrEqualTo(Duration.ofMinutes(10).plusSeconds(120 + 10));
        double[] desired = r.series().column(Columns.desired("worker"));
        assertThat(desired[desired.length - 1]).isZero();
        ScaleEvent removal = r.events().stream().filter(e -> e.by().equals("emptiness")).reduce((a, b) -> b).orElseThrow();
        assertThat(removal.at()).isGreaterThanOrEqualTo(toZero.at().plusSeconds(60));
        double[] nodes = r.series().column(Columns.NODES);
        assertThat(nodes[nodes.length - 1]).isZero();
        assertThat(r.summary().nodesLaunchedByType()).isNotEmpty();
    }

    @Test
    void aNodePoolLimitCapsTheNodesAndLeavesPodsPending() {
        // A 4-CPU limit on a pool of 2-vCPU nodes: 2 nodes at most. Each node keeps some CPU for the
        // system, so 3 pods of 500m fit per node: 6 of the 20 run, 14 stay pending for good.
        var s = TestScenarios.load(dir, "limit", TestScenarios.deployment("batch", 20, "500m", "256Mi") + "---\n"
                + TestScenarios.nodePool("small", "{cpu: \"4\"}", "5m", "[2]"), """
                duration: 15m
                cluster: {nodeBootTime: 30s}
                """);
        SimulationResult r = Simulation.run(s, Simulation.Progress.NONE);
        assertThat(r.summary().peakNodes()).isEqualTo(2);
        double[] ready = r.series().column(Columns.ready("batch"));
        double[] pending = r.series().column(Columns.pending("batch"));
        assertThat(ready[ready.length - 1]).isGreaterThan(0).isLessThan(20);
        assertThat(ready[ready.length - 1] + pending[pending.length - 1]).isEqualTo(20);
        assertThat(r.summary().unschedulableTime()).isGreaterThan(Duration.ofMinutes(14));
        assertThat(r.summary().longestCatchUp()).isEmpty();
        assertThat(r.events()).anyMatch(e -> e.object().equals("provisioner") && e.reason().contains("limit"));
    }

    @Test
    void aCatalogFileSuppliesTheInstanceTypesAndThePricesOfExistingNodes() throws java.io.IOException {
        // Two machine shapes from a catalog file: 3 pods of 1 CPU fit a "small" (4.5 CPU) for $0.40/h
        // as well as a "big" for $1.00/h, so one small is launched. The existing node is a "big" that
        // has no room left, and costs the catalog's $1.00/h.
        java.nio.file.Files.writeString(dir.resolve("catalog.yaml"), """
                instanceTypes:
                - name: small
                  architecture: amd64
                  operatingSystems: [linux]
                  capacity: {cpu: 4500m, memory: 16Gi, pods: "20"}
                  offerings: [{zone: z1, capacityType: on-demand, price: 0.40, available: true}]
                - name: big
                  architecture: amd64
                  operatingSystems: [linux]
                  capacity: {cpu: 8500m, memory: 32Gi, pods: "40"}
                  offerings: [{zone: z1, capacityType: on-demand, price: 1.00, available: true}]
                """);
        String pool = """
                apiVersion: karpenter.sh/v1
                kind: NodePool
                metadata: {name: custom}
                spec:
                  template:
                    spec:
                      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
                      requirements: []
                  disruption: {consolidationPolicy: WhenEmpty, consolidateAfter: Never}
                ---
                apiVersion: v1
                kind: Node
                metadata:
                  name: existing-big
                  labels: {node.kubernetes.io/instance-type: big, karpenter.sh/capacity-type: on-demand, topology.kubernetes.io/zone: z1}
                status:
                  allocatable: {cpu: 100m, memory: 1Gi, pods: "10"}
                """;
        var s = TestScenarios.load(dir, "custom-catalog", TestScenarios.deployment("batch", 3, "1", "1Gi") + "---\n" + pool, """
                duration: 1h
                catalog: catalog.yaml
                cluster: {nodeBootTime: 1m}
                """);
        SimulationResult r = Simulation.run(s, Simulation.Progress.NONE);
        assertThat(r.summary().nodesLaunchedByType()).containsExactly(java.util.Map.entry("small", 1));
        double[] ready = r.series().column(Columns.ready("batch"));
        assertThat(ready[ready.length - 1]).isEqualTo(3);
        // one hour of the existing big node and just under an hour of the small one
        assertThat(r.summary().cost()).isBetween(1.0 + 0.40 * 59 / 60, 1.0 + 0.40);
    }

    @Test
    void theSameSeedGivesTheSameReportAndAnotherSeedAnotherOne() {
        String manifests = TestScenarios.deployment("worker", 1, "250m", "256Mi") + "---\n"
                + TestScenarios.rabbitScaledObject("worker", "jobs", 10, 15, 120, 0, 40) + "---\n"
                + TestScenarios.nodePool("pool", "{}", "60s", "[2, 4, 8]");
        String body = """
                duration: 1h
                seed: %d
                queues:
                  - name: jobs
                    consumer: worker
                    messagesPerPodPerSecond: 4
                    arrivals: [{at: 0s, rate: 10}, {at: 20m, rate: 10, rampTo: 60}, {at: 40m, rate: 5}]
                """;
        SimulationResult a = Simulation.run(TestScenarios.load(dir, "a", manifests, body.formatted(7)), Simulation.Progress.NONE);
        SimulationResult b = Simulation.run(TestScenarios.load(dir, "a", manifests, body.formatted(7)), Simulation.Progress.NONE);
        SimulationResult c = Simulation.run(TestScenarios.load(dir, "a", manifests, body.formatted(8)), Simulation.Progress.NONE);
        assertThat(SummaryTable.rows(b)).isEqualTo(SummaryTable.rows(a));
        assertThat(b.events()).isEqualTo(a.events());
        assertThat(b.series().column(Columns.backlog("jobs"))).containsExactly(a.series().column(Columns.backlog("jobs")));
        assertThat(c.summary().queues().get(0).arrived()).isNotEqualTo(a.summary().queues().get(0).arrived());
    }
}
