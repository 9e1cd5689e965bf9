package dev.ebbflow.provisioner.disruption;

import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.GoDurations;
import java.time.Instant;
import java.util.Optional;

/**
 * When a claim expires (pure): {@code spec.expireAfter} after its creation, unless it is
 * {@code Never}. Karpenter v1 deletes an expired claim whatever the disruption budgets say; its
 * termination still drains the node.
 */
public final class Expiration {

    public static final String EXPIRED = "Expired";

    private Expiration() {
    }

    /**
     * @return the instant the claim expires, empty when it never does
     * @throws IllegalArgumentException naming {@code spec.expireAfter} when it is not a duration
     */
    public static Optional<Instant> expiresAt(NodeClaim claim) {
        String created = claim.getMetadata().getCreationTimestamp();
        String expireAfter = claim.getSpec().getExpireAfter();
        if (created == null || expireAfter == null) {
            return Optional.empty();
        }
        return GoDurations.parse(expireAfter, "spec.expireAfter").map(d -> Instant.parse(created).plus(d));
    }
}
