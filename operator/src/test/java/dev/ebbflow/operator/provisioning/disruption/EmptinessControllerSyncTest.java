package dev.ebbflow.operator.provisioning.disruption;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.operator.observability.KarpenterMetrics;
import dev.ebbflow.operator.provisioning.kube.ClaimCluster;
import dev.ebbflow.operator.provisioning.kube.KarpenterEvents;
import dev.ebbflow.operator.provisioning.kube.NodeClaimConditions;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class EmptinessControllerSyncTest {

    KubernetesClient client;

    private static final class FixedCluster implements ClaimCluster {
        private final NodeClaim claim;
        private boolean synced;

        FixedCluster(NodeClaim claim) {
            this.claim = claim;
        }

        @Override public List<NodeClaim> claims() { return List.of(claim); }
        @Override public Optional<Node> nodeOf(NodeClaim c) {
            return Optional.of(new NodeBuilder().withNewMetadata().withName("n").endMetadata()
                    .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build());
        }
        @Override public List<Pod> podsOn(String nodeName) { return List.of(); }
        @Override public boolean synced() { return synced; }
    }

    @Test
    void nothingIsRemovedBeforeTheCachesSynced() {
        NodePool pool = new NodePool();
        pool.getMetadata().setName("default");
        pool.getSpec().getDisruption().setConsolidationPolicy("WhenEmpty");
        client.resources(NodePool.class).resource(pool).create();
        NodeClaim claim = new NodeClaim();
        claim.getMetadata().setName("c");
        claim.getMetadata().setLabels(Map.of(KarpenterLabels.NODE_POOL, "default"));
        claim = client.resources(NodeClaim.class).resource(claim).create();
        NodeClaimConditions.set(claim, "Initialized", "True", "Initialized", "", Instant.parse("2026-01-01T00:00:00Z"));
        FixedCluster cluster = new FixedCluster(claim);
        EmptinessController controller = new EmptinessController(client, cluster, new KarpenterEvents(client, Clock.systemUTC(), "t"),
                new KarpenterMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)), Clock.systemUTC(), Emptiness.NOMINATION_WINDOW,
                () -> dev.ebbflow.provisioner.disruption.Nominations.NONE);

        assertThat(controller.runOnce()).isEmpty();
        assertThat(client.resources(NodeClaim.class).withName("c").get()).isNotNull();

        cluster.synced = true;
        assertThat(controller.runOnce()).extracting(c -> c.getMetadata().getName()).containsExactly("c");
        assertThat(client.resources(NodeClaim.class).withName("c").get()).isNull();
    }
}
