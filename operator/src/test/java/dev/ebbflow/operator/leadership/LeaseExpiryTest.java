package dev.ebbflow.operator.leadership;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class LeaseExpiryTest {

    private static final ZonedDateTime RENEWED = ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void aHeldLeaseExpiresItsDurationAfterItsLastRenewal() {
        assertThat(LeaseExpiry.expiresAt(lease("a", 15))).contains(RENEWED.toInstant().plus(Duration.ofSeconds(15)));
    }

    @Test
    void aLeaseReleasedByFabric8KeepsItsHolderForOneSecond() {
        assertThat(LeaseExpiry.expiresAt(lease("a", 1))).contains(RENEWED.toInstant().plusSeconds(1));
    }

    @Test
    void nobodyHoldsAnEmptyOrMissingLease() {
        assertThat(LeaseExpiry.expiresAt(null)).isEmpty();
        assertThat(LeaseExpiry.expiresAt(lease("", 15))).isEmpty();
        assertThat(LeaseExpiry.expiresAt(lease(null, 15))).isEmpty();
    }

    @Test
    void aHeldLeaseWithoutTimesIsLookedAtNow() {
        Lease lease = new LeaseBuilder().withNewSpec().withHolderIdentity("a").endSpec().build();
        assertThat(LeaseExpiry.expiresAt(lease)).contains(Instant.EPOCH);
    }

    private static Lease lease(String holder, int seconds) {
        return new LeaseBuilder().withNewSpec().withHolderIdentity(holder).withLeaseDurationSeconds(seconds).withRenewTime(RENEWED).endSpec()
                .build();
    }
}
