package dev.ebbflow.operator.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.operator.simulate.engine.Simulation;
import dev.ebbflow.operator.simulate.report.Columns;
import dev.ebbflow.operator.simulate.report.SimulationResult;
import dev.ebbflow.operator.simulate.scenario.ScenarioLoader;
import java.nio.file.Path;
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
        assertThat(r.events()).anyMatch(e -> e.by().equals("provisioner"));
        assertThat(r.events()).anyMatch(e -> e.by().equals("emptiness"));
        assertThat(r.summary().peakNodes()).isGreaterThan((int) last(r.series().column(Columns.NODES)));
        assertThat(r.summary().queues().get(0).timeToDrain()).isPresent();
    }

    @Test
    void hundredReplicasAllRunOnNodesThePoolPicked() {
        SimulationResult r = run("burst-100-replicas.yaml");
        assertThat(last(r.series().column(Columns.ready("fanout")))).isEqualTo(100);
        assertThat(r.summary().longestCatchUp()).hasValueSatisfying(d -> assertThat(d.toSeconds()).isLessThan(120));
        assertThat(r.summary().nodesLaunchedByType().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(r.summary().peakNodes());
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
