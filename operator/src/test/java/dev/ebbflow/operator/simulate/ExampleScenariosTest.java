package dev.ebbflow.operator.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.operator.simulate.engine.Simulation;
import dev.ebbflow.operator.simulate.report.Columns;
import dev.ebbflow.operator.simulate.report.Feature;
import dev.ebbflow.operator.simulate.report.SimulationResult;
import dev.ebbflow.operator.simulate.report.SummaryTable;
import dev.ebbflow.operator.simulate.scenario.ScenarioLoader;
import dev.ebbflow.operator.simulate.report.ScaleEvent;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scenarios shipped in examples/simulations run, and show what their comments promise. */
class ExampleScenariosTest {

    private static final Path EXAMPLES = Path.of("..", "examples", "simulations").toAbsolutePath().normalize();

    private static SimulationResult run(String file) {
        return Simulation.run(new ScenarioLoader().load(EXAMPLES.resolve(file)), Simulation.Progress.NONE);
    }

    private static double last(double[] values) {
        return values[values.length - 1];
    }

    @Test
    void onlineStoreFollowsTheRampAndDrainsEveryOrder() {
        SimulationResult r = run("online-store.yaml");
        var q = r.summary().queues().get(0);
        assertThat(q.consumed()).isEqualTo(q.arrived());
        assertThat(r.summary().workloads().get(0).peakReplicas()).isGreaterThan(24); // 120/s at 5/s per pod
        assertThat(r.summary().nodesLaunchedByType()).isNotEmpty();
        assertThat(r.summary().cost()).isPositive();
    }

    @Test
    void sqsBurstsAddNodesThatGoAwayAfterward() {
        SimulationResult r = run("sqs-transactions.yaml");
        // The settlement batch bursts from 20 to 25 minutes; the partner import starts at 45.
        double before = nodesAt(r, 19);
        double during = maxNodes(r, 20, 30);
        double after = nodesAt(r, 44);
        assertThat(during).as("nodes during the burst, %s before it", before).isGreaterThan(before);
        assertThat(after).as("nodes after the burst").isLessThanOrEqualTo(before);
        assertThat(r.events()).as("launched during the burst").anyMatch(e -> e.by().equals("provisioner") && minute(e) >= 20 && minute(e) < 30);
        assertThat(r.events()).as("removed after it").anyMatch(e -> (e.by().equals("emptiness") || e.by().equals("consolidation"))
                && minute(e) >= 25 && minute(e) < 45);
        assertThat(r.summary().removed("Empty") + r.summary().removed("Underutilized")).isGreaterThanOrEqualTo((int) (during - after));
        assertThat(r.summary().queues().get(0).timeToDrain()).isPresent();

        var without = r.withoutConsolidation().orElseThrow();
        assertThat(without.nodesRemovedByReason()).as("the second run removes nothing").isEmpty();
        assertThat(without.nodeHours()).isGreaterThan(r.summary().nodeHours());
        assertThat(without.cost()).isGreaterThan(r.summary().cost());
        assertThat(without.queues().get(0).arrived()).as("the same arrivals").isEqualTo(r.summary().queues().get(0).arrived());
        var late = r.without(Feature.PROVISION_AHEAD).orElseThrow().queues().get(0);
        var ahead = r.summary().queues().get(0);
        assertThat(ahead.burstToPodsRunning().orElseThrow()).as("burst to pods running with provisioning ahead, %s without",
                late.burstToPodsRunning()).isLessThan(late.burstToPodsRunning().orElseThrow());
        assertThat(ahead.p95Wait()).isLessThan(late.p95Wait());
        assertThat(SummaryTable.rows(r)).containsKeys("nodes removed: empty / underutilized / drifted / expired",
                "node-hours: with / without consolidation", "cost: with / without consolidation", "saved by consolidation");
    }

    private static double minute(dev.ebbflow.operator.simulate.report.ScaleEvent e) {
        return e.at().toMillis() / 60_000.0;
    }

    private static double nodesAt(SimulationResult r, double minute) {
        double[] minutes = r.series().minutes();
        double[] nodes = r.series().column(Columns.NODES);
        double value = nodes[0];
        for (int i = 0; i < minutes.length && minutes[i] <= minute; i++) {
            value = nodes[i];
        }
        return value;
    }

    private static double maxNodes(SimulationResult r, double from, double to) {
        double[] minutes = r.series().minutes();
        double[] nodes = r.series().column(Columns.NODES);
        double max = 0;
        for (int i = 0; i < minutes.length; i++) {
            if (minutes[i] >= from && minutes[i] <= to) {
                max = Math.max(max, nodes[i]);
            }
        }
        return max;
    }

    @Test
    void hundredReplicasAllRunOnNodesThePoolPicked() {
        SimulationResult r = run("burst-100-replicas.yaml");
        assertThat(last(r.series().column(Columns.ready("fanout")))).isEqualTo(100);
        assertThat(r.summary().longestCatchUp()).hasValueSatisfying(d -> assertThat(d.toSeconds()).isLessThan(120));
        assertThat(r.summary().nodesLaunchedByType().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(r.summary().peakNodes());
    }

    @Test
    void aNodePoolRolloutReplacesTheDriftedNodesOneAtATimeAndExpiredNodesAreRecycled() {
        SimulationResult r = run("node-rollout.yaml");
        List<ScaleEvent> drifted = r.events().stream().filter(e -> e.by().equals("drift") && e.reason().startsWith("removed")).toList();
        assertThat(drifted).as("the 8-vCPU nodes, each replaced after the change at 30 m").isNotEmpty()
                .allMatch(e -> e.at().toMinutes() >= 30 && e.reason().contains("c-8x"));
        assertThat(r.summary().removed("Drifted")).isEqualTo(drifted.size());
        assertThat(r.events()).as("a drifted node's pods need several 2-vCPU nodes")
                .anyMatch(e -> e.by().equals("drift") && e.reason().startsWith("removed") && e.reason().contains("replaced by c-2x-amd64-linux + c-2x"));
        for (int i = 1; i < drifted.size(); i++) {
            // Budget 1: the next node is taken only once the previous one's replacements booted (45 s) and it went.
            assertThat(drifted.get(i).at().minus(drifted.get(i - 1).at()).toSeconds()).isGreaterThanOrEqualTo(45);
        }
        assertThat(r.summary().removed("Expired")).as("the small nodes expire an hour after their launch").isPositive();
        assertThat(r.events()).filteredOn(e -> e.by().equals("expiration")).allMatch(e -> e.at().toMinutes() >= 60 && e.reason().contains("c-2x"));
        var q = r.summary().queues().get(0);
        assertThat(q.backlogAtEnd()).as("the worker kept up through the rollout").isLessThan(200);
    }

    @Test
    void podsFillTheReservationFirstThenFallBackToOnDemand() {
        SimulationResult r = run("reserved-capacity.yaml");
        assertThat(last(r.series().column(Columns.ready("trainer")))).isEqualTo(4);
        List<ScaleEvent> launches = r.events().stream().filter(e -> e.by().equals("provisioner") && e.reason().startsWith("launched")).toList();
        assertThat(launches).hasSize(4);
        assertThat(launches).filteredOn(e -> e.reason().contains("(reserved in cr-demo, test-zone-a")).hasSize(2);
        assertThat(launches).filteredOn(e -> e.reason().contains("(on-demand, test-zone-a")).hasSize(2);
    }

    @Test
    void diurnalSiblingsDifferOnlyInWhatTheyChange() {
        SimulationResult slow = run("diurnal.yaml");
        SimulationResult spot = run("diurnal-spot.yaml");
        SimulationResult fast = run("diurnal-5s.yaml");
        assertThat(spot.summary().queues().get(0).arrived()).isEqualTo(slow.summary().queues().get(0).arrived());
        assertThat(spot.summary().cost()).isLessThan(slow.summary().cost());
        assertThat(fast.summary().queues().get(0).arrived()).isEqualTo(slow.summary().queues().get(0).arrived());
        assertThat(fast.summary().queues().get(0).maxWait()).isLessThanOrEqualTo(slow.summary().queues().get(0).maxWait());
    }
}
