package dev.ebbflow.operator.provisioning.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.operator.provisioning.kube.NodeClaimConditions;
import dev.ebbflow.provisioner.garbagecollection.GarbageCollection;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LivenessTest {

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final LifecycleSettings SETTINGS = new LifecycleSettings(Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofSeconds(10));

    private static NodeClaim claim() {
        NodeClaim c = new NodeClaim();
        c.getMetadata().setName("c");
        c.getMetadata().setCreationTimestamp(CREATED.toString());
        return c;
    }

    @Test
    void unlaunchedClaimExpiresAfterTheLaunchTimeout() {
        NodeClaim c = claim();
        Liveness.Verdict before = Liveness.check(c, SETTINGS, CREATED.plusSeconds(299));
        assertThat(before.expired()).isFalse();
        assertThat(before.deadline()).hasValue(CREATED.plusSeconds(300));
        Liveness.Verdict after = Liveness.check(c, SETTINGS, CREATED.plusSeconds(300));
        assertThat(after.expired()).isTrue();
        assertThat(after.reason()).isEqualTo(Liveness.LAUNCH_TIMEOUT);
    }

    @Test
    void registrationTimeoutCountsFromTheLaunch() {
        NodeClaim c = claim();
        Instant launched = CREATED.plusSeconds(120);
        NodeClaimConditions.set(c, "Launched", "True", "Launched", "", launched);
        assertThat(Liveness.check(c, SETTINGS, launched.plus(Duration.ofMinutes(15)).minusSeconds(1)).expired()).isFalse();
        Liveness.Verdict v = Liveness.check(c, SETTINGS, launched.plus(Duration.ofMinutes(15)));
        assertThat(v.expired()).isTrue();
        assertThat(v.reason()).isEqualTo(Liveness.REGISTRATION_TIMEOUT);
    }

    @Test
    void aRegisteredClaimNeverExpires() {
        NodeClaim c = claim();
        NodeClaimConditions.set(c, "Launched", "True", "Launched", "", CREATED);
        NodeClaimConditions.set(c, "Registered", "True", "Registered", "", CREATED);
        Liveness.Verdict v = Liveness.check(c, SETTINGS, CREATED.plus(Duration.ofDays(30)));
        assertThat(v.expired()).isFalse();
        assertThat(v.deadline()).isEmpty();
    }

    @Test
    void theCloudIsAskedForALaunchedClaimsInstanceOnlyAfterTheGraceAndUntilItRegisters() {
        NodeClaim c = claim();
        assertThat(Liveness.instanceShouldBeListed(c, CREATED.plusSeconds(60))).as("not launched").isFalse();
        Instant launched = CREATED.plusSeconds(5);
        NodeClaimConditions.set(c, "Launched", "True", "Launched", "", launched);
        assertThat(Liveness.instanceShouldBeListed(c, launched.plus(GarbageCollection.CLAIM_GRACE).minusMillis(1))).isFalse();
        assertThat(Liveness.instanceShouldBeListed(c, launched.plus(GarbageCollection.CLAIM_GRACE))).isTrue();
        NodeClaimConditions.set(c, "Registered", "True", "Registered", "", launched.plusSeconds(20));
        assertThat(Liveness.instanceShouldBeListed(c, launched.plusSeconds(60))).as("registered").isFalse();
    }

    @Test
    void settingsMustBePositive() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LifecycleSettings(Duration.ZERO, Duration.ofMinutes(1), Duration.ofSeconds(1)))
                .hasMessageContaining("launchTimeout");
    }
}
