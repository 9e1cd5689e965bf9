package dev.ebbflow.operator.leadership;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Instant;
import java.util.Optional;

/** When a Lease stops counting: its last renewal plus its duration; empty when nobody holds it. */
final class LeaseExpiry {

    private LeaseExpiry() {
    }

    static Optional<Instant> expiresAt(Lease lease) {
        if (lease == null || lease.getSpec() == null) {
            return Optional.empty();
        }
        var spec = lease.getSpec();
        if (spec.getHolderIdentity() == null || spec.getHolderIdentity().isEmpty()) {
            return Optional.empty();
        }
        if (spec.getRenewTime() == null || spec.getLeaseDurationSeconds() == null) {
            // Held, but with nothing to count from: let the candidate look now.
            return Optional.of(Instant.EPOCH);
        }
        return Optional.of(spec.getRenewTime().toInstant().plusSeconds(spec.getLeaseDurationSeconds()));
    }
}
