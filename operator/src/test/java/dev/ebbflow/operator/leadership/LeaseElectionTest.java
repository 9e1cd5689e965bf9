package dev.ebbflow.operator.leadership;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.testkit.Eventually;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The Lease election against the mock API server: taking, losing, releasing and taking a released Lease at once. */
@EnableKubernetesMockClient(crud = true)
class LeaseElectionTest {

    private static final String NS = "ebbflow";
    /** Retries far apart, so that anything quicker comes from watching the Lease. */
    private static final LeaseElection.Timing SLOW_RETRY = new LeaseElection.Timing(Duration.ofSeconds(60), Duration.ofSeconds(30),
            Duration.ofSeconds(10));

    static KubernetesClient client;

    private final AtomicInteger lost = new AtomicInteger();

    private LeaseElection election(String lease, String identity, Leadership leadership) {
        return new LeaseElection(client, NS, lease, identity, SLOW_RETRY, leadership, lost::incrementAndGet);
    }

    private Lease lease(String name) {
        return client.leases().inNamespace(NS).withName(name).get();
    }

    private void holdBy(String name, String holder) {
        client.leases().inNamespace(NS).resource(new LeaseBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().withHolderIdentity(holder).withLeaseDurationSeconds(3600)
                .withAcquireTime(ZonedDateTime.now()).withRenewTime(ZonedDateTime.now()).withLeaseTransitions(0)
                .endSpec().build()).createOr(existing -> existing.update());
    }

    @Test
    void closingAfterLeadingReleasesTheLeaseWithoutCountingItLost() {
        Leadership leadership = Leadership.following();
        LeaseElection election = election("release", "a", leadership).start();
        Eventually.within(Duration.ofSeconds(10), () -> assertThat(leadership.isLeader()).isTrue());

        election.close();
        assertThat(leadership.isStopped()).isTrue();
        assertThat(lease("release").getSpec().getLeaseDurationSeconds()).as("fabric8 releases by shortening the Lease to 1 s").isEqualTo(1);
        assertThat(lost).hasValue(0);
    }

    @Test
    void aLeaseTakenByAnotherStopsTheGateAndCountsAsLost() {
        Leadership leadership = Leadership.following();
        AtomicInteger runs = new AtomicInteger();
        leadership.newExecutor("test", 1).scheduleWithFixedDelay(runs::incrementAndGet, 0, 10, TimeUnit.MILLISECONDS);
        try (LeaseElection election = election("lost", "a", leadership).start()) {
            Eventually.within(Duration.ofSeconds(10), () -> assertThat(runs.get()).isPositive());

            holdBy("lost", "intruder");
            // The leader renews every retry period (10 s here): it finds the Lease taken then at the latest.
            Eventually.within(Duration.ofSeconds(25), () -> assertThat(lost).hasValue(1));
            assertThat(leadership.isStopped()).isTrue();
            int atLoss = runs.get();
            Eventually.pause(Duration.ofMillis(100));
            assertThat(runs.get()).isLessThanOrEqualTo(atLoss + 1);
        }
        assertThat(lease("lost").getSpec().getHolderIdentity()).as("closing does not release another's Lease").isEqualTo("intruder");
    }

    @Test
    void aFollowerTakesAReleasedLeaseAtOnceNotAtItsNextRetry() {
        holdBy("takeover", "other");
        Leadership leadership = Leadership.following();
        try (LeaseElection election = election("takeover", "b", leadership).start()) {
            Eventually.pause(Duration.ofMillis(500));
            assertThat(leadership.isLeader()).isFalse();

            Lease released = lease("takeover");
            released.getSpec().setHolderIdentity("");
            client.leases().inNamespace(NS).resource(released).update();
            long at = System.nanoTime();
            Eventually.within(Duration.ofSeconds(5), () -> assertThat(leadership.isLeader()).isTrue());
            assertThat((System.nanoTime() - at) / 1e9).as("well before the 10 s retry").isLessThan(2);
        }
    }

    @Test
    void aFollowerTakesAnExpiredLeaseWhenItExpires() {
        client.leases().inNamespace(NS).resource(new LeaseBuilder().withNewMetadata().withName("expiry").withNamespace(NS).endMetadata()
                .withNewSpec().withHolderIdentity("crashed").withLeaseDurationSeconds(2)
                .withAcquireTime(ZonedDateTime.now()).withRenewTime(ZonedDateTime.now()).withLeaseTransitions(0)
                .endSpec().build()).create();
        Leadership leadership = Leadership.following();
        long at = System.nanoTime();
        try (LeaseElection election = election("expiry", "c", leadership).start()) {
            Eventually.within(Duration.ofSeconds(8), () -> assertThat(leadership.isLeader()).isTrue());
            assertThat((System.nanoTime() - at) / 1e9).as("at the 2 s expiry, not at the 10 s retry").isLessThan(4);
        }
    }
}
