package dev.ebbflow.operator.simulate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While a consolidation replacement boots, the node it replaces carries karpenter.sh/disrupted:NoSchedule:
 * a new pod waits for the replacement instead of landing on the node about to go. A replacement that is
 * lost gives the old node back, untainted.
 */
class ConsolidationReplacementTest {

    @TempDir
    Path dir;

    private Cluster cluster;
    private Consolidator consolidator;
    private DisruptionActions actions;
    private Workload web;
    private SimNode oversized;
    private long now;

    @BeforeEach
    void untilTheReplacementIsLaunched() {
        ClusterModel model = ClusterModel.build(TestScenarios.load(dir, "replace", TestScenarios.deployment("web", 1, "500m", "512Mi") + "---\n"
                + TestScenarios.nodePool("pool", "{}", "30s", "[4, 16]").replace("consolidationPolicy: WhenEmpty,",
                        "consolidationPolicy: WhenEmptyOrUnderutilized,") + "---\n" + TestScenarios.oversizedNode(), """
                duration: 10m
                cluster: {podStartupTime: 5s, nodeBootTime: 30s}
                """));
        cluster = model.cluster;
        Provisioner provisioner = new Provisioner(model.pools);
        actions = new DisruptionActions(provisioner);
        consolidator = new Consolidator(provisioner, actions);
        web = model.workloads.values().iterator().next();
        oversized = cluster.nodes().stream().filter(n -> n.name.equals("oversized")).findFirst().orElseThrow();
        for (now = 0; now < 300_000 && actions.disrupting().isEmpty(); now += 1000) {
            tick();
        }
        assertThat(actions.disrupting()).as("a replacement under way").containsExactly(oversized);
    }

    private void tick() {
        cluster.advance(now);
        DeploymentController.reconcile(web, cluster, now);
        if (cluster.takePlacementChanged() && cluster.unboundCount() > 0) {
            KubeScheduler.schedule(cluster, now);
        }
        if (actions.busy()) {
            actions.advance(cluster, now);
        } else {
            consolidator.step(cluster, now);
        }
    }

    private SimNode replacement() {
        return cluster.nodes().stream().filter(n -> n != oversized).findFirst().orElseThrow();
    }

    @Test
    void theReplacedNodeTakesNoNewPodUntilItIsRemoved() {
        assertThat(oversized.taints).contains(DisruptionActions.DISRUPTED);
        assertThat(replacement().ready).isFalse();

        web.replicas = 2;
        now += 1000;
        tick();

        assertThat(cluster.podsOn(oversized)).as("only the pod that was there").hasSize(1);
        assertThat(cluster.unboundCount()).as("the new pod waits for the replacement").isEqualTo(1);

        for (int i = 0; i < 60 && cluster.nodes().contains(oversized); i++) {
            now += 1000;
            tick();
        }
        assertThat(cluster.nodes()).as("removed once the replacement is ready").doesNotContain(oversized);
        for (int i = 0; i < 10; i++) {
            now += 1000;
            tick();
        }
        assertThat(cluster.podsOn(replacement())).hasSize(2);
    }

    @Test
    void aLostReplacementUntaintsTheOldNodeWhichKeepsServing() {
        SimNode lost = replacement();
        cluster.removeNode(lost, now);

        now += 1000;
        tick();

        assertThat(actions.failedReplacements()).isEqualTo(1);
        assertThat(actions.disrupting()).isEmpty();
        assertThat(oversized.taints).doesNotContain(DisruptionActions.DISRUPTED);
        assertThat(cluster.nodes()).contains(oversized);
        web.replicas = 2;
        now += 1000;
        tick();
        assertThat(cluster.podsOn(oversized)).as("new pods land on it again").hasSize(2);
    }
}
