package dev.ebbflow.provisioner.garbagecollection;

import dev.ebbflow.crds.karpenter.NodeClaim;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What garbage collection removes, decided from what the clouds list and what NodeClaims exist, at
 * one instant. As Karpenter does: an instance of this cluster that no NodeClaim owns (neither by
 * provider ID nor by the {@code karpenter.sh/nodeclaim} tag it carries) and that was launched more
 * than {@link #INSTANCE_GRACE} ago is leaked and terminated; a NodeClaim launched more than
 * {@link #CLAIM_GRACE} ago whose instance its cloud no longer lists is deleted. Nothing is collected
 * on the word of a cloud whose listing failed, and nothing that is already being deleted.
 */
public final class GarbageCollection {

    /**
     * Karpenter's AWS provider leaves instances launched in the last 30 s alone: the claim that owns
     * one may not be written yet, or not be visible to the read that found none.
     */
    public static final Duration INSTANCE_GRACE = Duration.ofSeconds(30);
    /** Karpenter waits 10 s after a launch before it expects a cloud to list the instance. */
    public static final Duration CLAIM_GRACE = Duration.ofSeconds(10);

    /**
     * One instance as a cloud lists it.
     *
     * @param claimName the NodeClaim the instance is tagged for ({@code karpenter.sh/nodeclaim}), empty when untagged
     * @param launchedAt when it was launched; empty when the cloud does not say (never collected then)
     * @param terminating whether it is already shutting down
     */
    public record Instance(String cloud, String providerId, Optional<String> claimName, Optional<Instant> launchedAt,
                           boolean terminating) {

        /**
         * An instance as {@link dev.ebbflow.provisioner.cloud.CloudProvider#list()} describes it: the claim
         * it is tagged for as {@code metadata.name}, its launch time as {@code metadata.creationTimestamp},
         * {@code metadata.deletionTimestamp} set while it terminates.
         */
        public static Instance listed(String cloud, NodeClaim described) {
            String name = described.getMetadata().getName();
            return new Instance(cloud, described.getStatus() == null ? null : described.getStatus().getProviderID(),
                    name == null || name.isBlank() ? Optional.empty() : Optional.of(name),
                    timestamp(described.getMetadata().getCreationTimestamp()), described.getMetadata().getDeletionTimestamp() != null);
        }

        private static Optional<Instant> timestamp(String text) {
            try {
                return text == null ? Optional.empty() : Optional.of(Instant.parse(text));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
    }

    /**
     * One NodeClaim as the API server holds it.
     *
     * @param cloud the name of the cloud serving its node class; empty when no registered cloud does
     * @param providerId its instance, once launched
     * @param launchedAt when its {@code Launched} condition became True
     * @param deleting whether it has a deletion timestamp (termination is removing its instance)
     */
    public record Claim(String name, Optional<String> cloud, Optional<String> providerId, Optional<Instant> launchedAt,
                        boolean deleting) {
    }

    /** What to remove: instances to terminate in their clouds, and claims to delete. */
    public record Plan(List<Instance> leakedInstances, List<Claim> claimsWithoutInstance) {

        public boolean isEmpty() {
            return leakedInstances.isEmpty() && claimsWithoutInstance.isEmpty();
        }
    }

    private GarbageCollection() {
    }

    /**
     * @param listings the instances of each cloud whose listing succeeded, by cloud name; a cloud whose
     *     listing failed is absent, so neither its instances nor its claims are judged
     * @param claims every NodeClaim, read after the listings so that a claim made for a listed instance is among them
     * @param collectInstances false when this cluster's instances cannot be told from others' (no cluster name):
     *     claims are still judged, instances never terminated
     */
    public static Plan plan(Map<String, List<Instance>> listings, List<Claim> claims, boolean collectInstances, Instant now) {
        Set<String> claimedProviderIds = new HashSet<>();
        Set<String> claimNames = new HashSet<>();
        for (Claim c : claims) {
            c.providerId().ifPresent(claimedProviderIds::add);
            claimNames.add(c.name());
        }
        List<Instance> leaked = new ArrayList<>();
        Set<String> listedProviderIds = new HashSet<>();
        for (List<Instance> instances : listings.values()) {
            for (Instance i : instances) {
                if (i.providerId() == null) {
                    continue;
                }
                listedProviderIds.add(i.providerId());
                if (collectInstances && isLeaked(i, claimedProviderIds, claimNames, now)) {
                    leaked.add(i);
                }
            }
        }
        List<Claim> withoutInstance = new ArrayList<>();
        for (Claim c : claims) {
            boolean listed = c.cloud().map(listings::containsKey).orElse(false);
            if (listed && !c.deleting() && c.providerId().isPresent() && expectsListedInstance(c.launchedAt(), now)
                    && !listedProviderIds.contains(c.providerId().get())) {
                withoutInstance.add(c);
            }
        }
        return new Plan(List.copyOf(leaked), List.copyOf(withoutInstance));
    }

    /**
     * Whether a cloud should by now know the instance of a claim launched at {@code launchedAt}: the
     * lifecycle asks the cloud about one not yet registered under this same rule.
     */
    public static boolean expectsListedInstance(Optional<Instant> launchedAt, Instant now) {
        return launchedAt.map(t -> !now.isBefore(t.plus(CLAIM_GRACE))).orElse(false);
    }

    private static boolean isLeaked(Instance i, Set<String> claimedProviderIds, Set<String> claimNames, Instant now) {
        return !i.terminating()
                && !claimedProviderIds.contains(i.providerId())
                && i.claimName().map(name -> !claimNames.contains(name)).orElse(true)
                && i.launchedAt().map(t -> !now.isBefore(t.plus(INSTANCE_GRACE))).orElse(false);
    }
}
