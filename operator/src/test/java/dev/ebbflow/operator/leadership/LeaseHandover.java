package dev.ebbflow.operator.leadership;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.operator.cli.OperatorProcess;
import dev.ebbflow.testkit.Eventually;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Ends the leader of a Lease as the kubelet would (SIGTERM on a rollout, SIGKILL on a crash) and
 * times how the Lease changes hands, as seen from the API server.
 */
final class LeaseHandover {

    private final KubernetesClient client;
    private final String namespace;
    private final String lease;

    LeaseHandover(KubernetesClient client, String namespace, String lease) {
        this.client = client;
        this.namespace = namespace;
        this.lease = lease;
    }

    /** The timings of a SIGTERM: to the Lease's release, to the process's exit, and from the release to the follower's lead. */
    record Sigterm(double releaseSeconds, double exitSeconds, double takeoverSeconds) {
    }

    String holder() {
        Lease l = client.leases().inNamespace(namespace).withName(lease).get();
        return l == null || l.getSpec() == null || l.getSpec().getHolderIdentity() == null ? "" : l.getSpec().getHolderIdentity();
    }

    void awaitLeader(OperatorProcess p, Duration within) {
        Eventually.within(within, () -> assertThat(holder()).as("Lease holder; %s said:%n%s", p.name(), p.output()).startsWith(p.name() + "-"));
    }

    /**
     * SIGTERMs {@code leader} and waits until {@code follower} holds the Lease and {@code leader} has
     * exited with 0; asserts that both happened.
     */
    Sigterm sigterm(OperatorProcess leader, OperatorProcess follower) {
        long[] exitedAt = new long[1];
        CompletableFuture<?> exited = leader.process().onExit().thenRun(() -> exitedAt[0] = System.nanoTime());
        long terminatedAt = System.nanoTime();
        leader.terminate();
        long releasedAt = 0;
        long followerLeadsAt = 0;
        long deadline = terminatedAt + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline && followerLeadsAt == 0) {
            Lease l = client.leases().inNamespace(namespace).withName(lease).get();
            String h = l.getSpec().getHolderIdentity() == null ? "" : l.getSpec().getHolderIdentity();
            long now = System.nanoTime();
            // fabric8 releases by a merge patch that keeps the holder and shortens the Lease to 1 s.
            if (releasedAt == 0 && (!h.startsWith(leader.name() + "-") || l.getSpec().getLeaseDurationSeconds() == 1)) {
                releasedAt = now;
            }
            if (h.startsWith(follower.name() + "-")) {
                followerLeadsAt = now;
            }
            Eventually.pause(Duration.ofMillis(20));
        }
        assertThat(leader.waitFor(Duration.ofSeconds(10))).as("%s's exit code; it said:%n%s", leader.name(), leader.output()).isZero();
        exited.join();
        assertThat(releasedAt).as("the Lease was released; %s said:%n%s", leader.name(), leader.output()).isPositive();
        assertThat(followerLeadsAt).as("%s took the Lease; it said:%n%s", follower.name(), follower.output()).isPositive();
        Sigterm timings = new Sigterm((releasedAt - terminatedAt) / 1e9, (exitedAt[0] - terminatedAt) / 1e9, (followerLeadsAt - releasedAt) / 1e9);
        System.out.printf("SIGTERM -> Lease released %.2f s, -> exit %.2f s; release -> follower leads %.2f s%n",
                timings.releaseSeconds(), timings.exitSeconds(), timings.takeoverSeconds());
        return timings;
    }

    /** SIGKILLs {@code leader}; the seconds until {@code follower} holds the Lease (within {@code limit}, else fails). */
    double sigkill(OperatorProcess leader, OperatorProcess follower, Duration limit) {
        long killedAt = System.nanoTime();
        leader.kill();
        awaitLeader(follower, limit.plusSeconds(5));
        double seconds = (System.nanoTime() - killedAt) / 1e9;
        System.out.printf("SIGKILL -> follower leads %.2f s%n", seconds);
        return seconds;
    }
}
