package dev.ebbflow.operator.provisioning.provisioner;

import static dev.ebbflow.operator.provisioning.provisioner.Fixtures.pendingPod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.testkit.Eventually;
import dev.ebbflow.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The batching window and the recheck of pods that stay pending, on a clock moved by hand. */
@EnableKubernetesMockClient(crud = true)
class PendingPodWatcherTest {

    static KubernetesClient client;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final AtomicInteger runs = new AtomicInteger();
    private final AtomicBoolean leader = new AtomicBoolean(true);
    private ProvisioningCache cache;
    private PendingPodWatcher watcher;

    @BeforeEach
    void setUp() {
        client.pods().inAnyNamespace().delete();
        cache = new ProvisioningCache(client);
        watcher = new PendingPodWatcher(cache, runs::incrementAndGet, ProvisioningSettings.defaults(), clock, leader::get);
        client.pods().inNamespace("default").resource(pendingPod("first", "1", "1Gi")).create();
        cache.start();
        Eventually.within(Duration.ofSeconds(30), () -> assertThat(cache.hasSynced() && !cache.pods().isEmpty()).isTrue());
    }

    @AfterEach
    void tearDown() {
        watcher.close();
        cache.close();
    }

    private void after(Duration d) {
        clock.advance(d);
        watcher.tick();
    }

    @Test
    void aBatchClosesOneIdleSecondAfterTheLastPendingPod() {
        after(Duration.ofMillis(500));
        watcher.podSeen(pendingPod("second", "1", "1Gi"));
        after(Duration.ofMillis(900));
        assertThat(runs).hasValue(0);

        after(Duration.ofMillis(100));
        assertThat(runs).hasValue(1);
        after(Duration.ofSeconds(5));
        assertThat(runs).as("nothing new and no recheck due").hasValue(1);
    }

    @Test
    void aSteadyStreamOfPodsIsCutAtTheMaximumOfTenSeconds() {
        for (int i = 0; i < 19; i++) {
            after(Duration.ofMillis(500));
            watcher.podSeen(pendingPod("stream-" + i, "1", "1Gi"));
        }
        assertThat(runs).hasValue(0);
        after(Duration.ofMillis(500));
        assertThat(runs).hasValue(1);
    }

    @Test
    void podsThatStayPendingAreLookedAtAgainAfterTheRecheckPeriod() {
        after(Duration.ofSeconds(1));
        assertThat(runs).hasValue(1);

        after(ProvisioningSettings.DEFAULT_RECHECK.minusSeconds(1));
        assertThat(runs).hasValue(1);
        after(Duration.ofSeconds(1));
        after(Duration.ofSeconds(1));
        assertThat(runs).hasValue(2);
    }

    @Test
    void aDeletedNodeClaimBringsPendingPodsBackBeforeTheRecheck() {
        after(Duration.ofSeconds(1));
        assertThat(runs).hasValue(1);
        client.resources(NodeClaim.class).resource(Fixtures.claim("general-aaaaa", "general", "x")).create();
        client.resources(NodeClaim.class).withName("general-aaaaa").delete();

        // Far less clock than the 30 s recheck: only the deletion can explain a second run.
        for (int i = 0; i < 100 && runs.get() < 2; i++) {
            Eventually.pause(Duration.ofMillis(100));
            after(Duration.ofMillis(100));
        }
        assertThat(runs).hasValue(2);
    }

    @Test
    void podsThatAreNotProvisionableOpenNoBatchAndAFollowerNeverRuns() {
        after(Duration.ofSeconds(1));
        assertThat(runs).hasValue(1);
        Pod bound = pendingPod("bound", "1", "1Gi");
        bound.getSpec().setNodeName("n1");
        watcher.podSeen(bound);
        after(Duration.ofSeconds(2));
        assertThat(runs).hasValue(1);

        leader.set(false);
        watcher.podSeen(pendingPod("third", "1", "1Gi"));
        after(Duration.ofSeconds(60));
        assertThat(runs).hasValue(1);
    }
}
