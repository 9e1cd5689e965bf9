package dev.ebbflow.operator.simulate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.operator.simulate.report.Feature;
import dev.ebbflow.operator.simulate.report.ScaleEvent;
import dev.ebbflow.operator.simulate.report.SimulationResult;
import dev.ebbflow.operator.simulate.report.Summary;
import dev.ebbflow.operator.simulate.report.SummaryTable;
import dev.ebbflow.operator.simulate.scenario.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provisioning ahead on the virtual clock, by the operator's own planner and reservations: after the
 * poll that sees a burst, nodes start for the replicas the HPA is about to ask for, before the pods
 * exist; the same scenario run without it waits for the pods to be pending.
 */
class ProvisionAheadTest {

    @TempDir
    Path dir;

    private static final String WORKER = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: worker}
            spec:
              replicas: 1
              selector: {matchLabels: {app: worker}}
              template:
                metadata: {labels: {app: worker}}
                spec:
                  containers: [{name: main, image: example, resources: {requests: {cpu: "1", memory: 1Gi}}}]
            """;

    /** Room for the one pod the steady load needs, outside the pool. */
    private static final String BASE_NODE = """
            apiVersion: v1
            kind: Node
            metadata:
              name: base
              labels: {kubernetes.io/arch: amd64, kubernetes.io/os: linux}
            status:
              allocatable: {cpu: 1500m, memory: 4Gi, pods: "110"}
            """;

    /**
     * One pod's worth of load on the base node, then a minute of 60 pods' worth from 3 m 2 s (between
     * two HPA syncs, 3 s before a poll): the pool's nodes boot in 60 s.
     */
    private Scenario burst(String annotations) {
        String so = TestScenarios.rabbitScaledObject("worker", "jobs", 10, 5, 300, 1, 40).replace("metadata: {name: worker}",
                "metadata: {name: worker" + annotations + "}");
        String pool = TestScenarios.nodePool("pool", "{}", "1m", "[4]").replace("bootDelay: 30s", "bootDelay: 60s");
        return TestScenarios.load(dir, "burst", WORKER + "---\n" + so + "---\n" + pool + "---\n" + BASE_NODE, """
                duration: 15m
                cluster: {podStartupTime: 5s}
                queues:
                  - name: jobs
                    consumer: worker
                    messagesPerPodPerSecond: 5
                    arrivalNoise: none
                    arrivals:
                      - {at: 0s, rate: 2}
                      - {at: 182s, rate: 300}
                      - {at: 242s, rate: 2}
                """);
    }

    @Test
    void nodesStartAtThePollThatSeesTheBurstAndThePodsRunSoonerThanWithout() {
        SimulationResult r = Simulation.run(burst(""), Simulation.Progress.NONE);
        Summary without = r.without(Feature.PROVISION_AHEAD).orElseThrow();

        ScaleEvent ahead = r.events().stream().filter(e -> e.by().equals("provision-ahead")).findFirst().orElseThrow();
        assertThat(ahead.at()).as("within a poll (5 s) and a batch of the burst").isBetween(Duration.ofSeconds(182), Duration.ofSeconds(182 + 5 + 2));
        assertThat(r.events()).anyMatch(e -> e.by().equals("provisioner") && e.reason().contains("provisioned ahead"));
        ScaleEvent firstLaunch = r.events().stream().filter(e -> e.by().equals("provisioner")).findFirst().orElseThrow();
        ScaleEvent firstHpa = r.events().stream().filter(e -> e.by().equals("hpa") && e.to() > e.from()).findFirst().orElseThrow();
        assertThat(firstLaunch.at()).as("nodes launched before the HPA made the pods").isLessThanOrEqualTo(firstHpa.at());

        Summary.QueueSummary q = r.summary().queues().get(0);
        Summary.QueueSummary base = without.queues().get(0);
        assertThat(q.arrived()).isEqualTo(base.arrived());
        assertThat(q.burstToPodsRunning().orElseThrow()).as("burst to pods running, against %s without", base.burstToPodsRunning())
                .isLessThan(base.burstToPodsRunning().orElseThrow());
        assertThat(q.p95Wait()).isLessThanOrEqualTo(base.p95Wait());
        assertThat(without.nodesRemovedByReason()).isNotNull();
        assertThat(SummaryTable.rows(r)).containsKeys("queue jobs: burst to pods running: with / without provisioning ahead",
                "queue jobs: time to drain: with / without provisioning ahead", "queue jobs: wait p95: with / without provisioning ahead",
                "cost: with / without provisioning ahead");
    }

    @Test
    void aScaledObjectThatOptsOutIsNotProvisionedAheadNorRunAgainWithout() {
        SimulationResult r = Simulation.run(burst(", annotations: {ebbflow.dev/provision-ahead: \"false\"}"), Simulation.Progress.NONE);

        assertThat(r.events()).noneMatch(e -> e.by().equals("provision-ahead"));
        assertThat(r.without(Feature.PROVISION_AHEAD)).isEmpty();
        assertThat(r.withoutConsolidation()).isPresent();
    }
}
