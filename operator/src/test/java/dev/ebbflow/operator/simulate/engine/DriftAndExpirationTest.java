package dev.ebbflow.operator.simulate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.operator.simulate.report.Columns;
import dev.ebbflow.operator.simulate.report.ScaleEvent;
import dev.ebbflow.operator.simulate.report.SimulationResult;
import dev.ebbflow.operator.simulate.scenario.Scenario;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drift and expiration on the virtual clock, by the operator's decisions: a NodePool applied again
 * drifts its nodes, which are replaced within the Drifted budget; nodes past expireAfter are drained
 * whatever the budget and their pods provisioned again.
 */
class DriftAndExpirationTest {

    @TempDir
    Path dir;

    /** Four pods of 3 vCPU on 4-vCPU nodes: one node each, nowhere else to go. */
    private Scenario rollout(String name, String budget, String extraTemplateSpec) {
        String pool = TestScenarios.nodePool("pool", "{}", "1m", "[4]")
                .replace("consolidateAfter: 1m}", "consolidateAfter: 1m, budgets: [{nodes: \"" + budget + "\"}]}")
                .replace("      requirements: []", "      requirements: []\n" + extraTemplateSpec);
        String v2 = pool.substring(pool.indexOf("apiVersion: karpenter.sh/v1"))
                .replace("  template:\n", "  template:\n    metadata: {labels: {image: v2}}\n");
        String change = "changes:\n  - at: 5m\n    objects:\n" + indent(v2);
        return TestScenarios.load(dir, name, TestScenarios.deployment("web", 4, "3", "1Gi") + "---\n" + pool, """
                duration: 20m
                cluster: {podStartupTime: 5s, nodeBootTime: 30s}
                """ + change);
    }

    private static String indent(String manifest) {
        StringBuilder b = new StringBuilder();
        String[] lines = manifest.strip().split("\n");
        for (int i = 0; i < lines.length; i++) {
            b.append(i == 0 ? "      - " : "        ").append(lines[i]).append('\n');
        }
        return b.toString();
    }

    private static List<ScaleEvent> removals(SimulationResult r, String by) {
        return r.events().stream().filter(e -> e.by().equals(by) && e.reason().startsWith("removed")).toList();
    }

    private static double lastReady(SimulationResult r, String workload) {
        double[] ready = r.series().column(Columns.ready(workload));
        return ready[ready.length - 1];
    }

    @Test
    void aNewTemplateReplacesEveryNodeOneAtATimeWithinABudgetOfOne() {
        SimulationResult r = Simulation.run(rollout("drift", "1", ""), Simulation.Progress.NONE);

        assertThat(r.summary().removed("Drifted")).isEqualTo(4);
        List<ScaleEvent> removed = removals(r, "drift");
        assertThat(removed).hasSize(4).allMatch(e -> e.at().toMinutes() >= 5);
        for (int i = 1; i < removed.size(); i++) {
            // Each replacement boots (30 s) after the previous node went: never two at once.
            assertThat(removed.get(i).at().minus(removed.get(i - 1).at()).toSeconds()).as("between drift removals").isGreaterThanOrEqualTo(30);
        }
        assertThat(r.events()).filteredOn(e -> e.by().equals("drift") && e.reason().startsWith("launched")).hasSize(4);
        assertThat(lastReady(r, "web")).isEqualTo(4);
        assertThat(r.withoutConsolidation().orElseThrow().removed("Drifted")).as("drift runs without consolidation too").isEqualTo(4);
    }

    @Test
    void aBudgetOfZeroHoldsDriftedNodesBack() {
        SimulationResult r = Simulation.run(rollout("held", "0", ""), Simulation.Progress.NONE);

        assertThat(r.summary().removed("Drifted")).isZero();
        assertThat(r.summary().nodesLaunchedByType().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(4);
    }

    @Test
    void expiredNodesAreDrainedWhateverTheBudgetAndTheirPodsProvisionedAgain() {
        // expireAfter 8m, budget 0: the four nodes launched at about 1 s expire at 8 m, their
        // replacements at 16 m; the template change at 5 m cannot move anything under budget 0.
        SimulationResult r = Simulation.run(rollout("expire", "0", "      expireAfter: 8m\n"), Simulation.Progress.NONE);

        assertThat(r.summary().removed("Expired")).isEqualTo(8);
        assertThat(r.summary().removed("Drifted")).isZero();
        Map<Long, Integer> byMinute = new TreeMap<>();
        removals(r, "expiration").forEach(e -> byMinute.merge(e.at().toMinutes(), 1, Integer::sum));
        assertThat(byMinute).containsOnlyKeys(8L, 16L);
        assertThat(lastReady(r, "web")).isEqualTo(4);
        assertThat(r.summary().nodesLaunchedByType().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(12);
    }

    @Test
    void emptyDriftedNodesGoTogetherAsManyAsTheBudgetAllows() {
        // Four empty nodes present from the start, labelled image: v1; the pool's template now asks
        // for image: v2, so they no longer satisfy it. consolidateAfter Never: only drift removes them.
        StringBuilder nodes = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            nodes.append("""
                    ---
                    apiVersion: v1
                    kind: Node
                    metadata:
                      name: old-%d
                      labels: {karpenter.sh/nodepool: pool, image: v1, kubernetes.io/arch: amd64, kubernetes.io/os: linux}
                    status:
                      allocatable: {cpu: "4", memory: 16Gi, pods: "110"}
                    """.formatted(i));
        }
        String pool = TestScenarios.nodePool("pool", "{}", "Never", "[4]")
                .replace("consolidateAfter: Never}", "consolidateAfter: Never, budgets: [{nodes: \"2\"}]}")
                .replace("  template:\n", "  template:\n    metadata: {labels: {image: v2}}\n");
        Scenario s = TestScenarios.load(dir, "empty", pool + nodes, "duration: 2m\n");

        SimulationResult r = Simulation.run(s, Simulation.Progress.NONE);

        assertThat(r.summary().removed("Drifted")).isEqualTo(4);
        Map<Long, Integer> byTime = new TreeMap<>();
        removals(r, "drift").forEach(e -> byTime.merge(e.at().toSeconds(), 1, Integer::sum));
        assertThat(byTime.values()).as("removals per pass").containsExactly(2, 2);
    }
}
