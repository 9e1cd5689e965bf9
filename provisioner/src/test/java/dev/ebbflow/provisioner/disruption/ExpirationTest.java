package dev.ebbflow.provisioner.disruption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.crds.karpenter.NodeClaim;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExpirationTest {

    private static NodeClaim claim(String expireAfter) {
        NodeClaim c = new NodeClaim();
        c.getMetadata().setCreationTimestamp("2026-01-01T00:00:00Z");
        c.getSpec().setExpireAfter(expireAfter);
        return c;
    }

    @Test
    void expiresAfterTheDefault720hOrNever() {
        assertThat(Expiration.expiresAt(claim("720h"))).hasValue(Instant.parse("2026-01-31T00:00:00Z"));
        assertThat(Expiration.expiresAt(claim("Never"))).isEmpty();
    }

    @Test
    void aBadValueNamesTheField() {
        assertThatThrownBy(() -> Expiration.expiresAt(claim("30 days"))).hasMessageStartingWith("spec.expireAfter: ");
    }
}
