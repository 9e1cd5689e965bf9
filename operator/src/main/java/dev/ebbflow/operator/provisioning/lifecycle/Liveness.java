package dev.ebbflow.operator.provisioning.lifecycle;

import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeClaimStatus;
import dev.ebbflow.operator.provisioning.kube.NodeClaimConditions;
import dev.ebbflow.provisioner.garbagecollection.GarbageCollection;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a claim has been stuck too long: not launched within the launch timeout of its creation,
 * or launched but without a registered Node within the registration timeout of its launch; and when
 * to ask the cloud whether a launched claim's instance still exists. Such a claim is deleted; the
 * provisioner makes a new one for the pods that still need it.
 */
public final class Liveness {

    /** The verdict at {@code now}: expired (with the Event reason and message), or when to look again. */
    public record Verdict(boolean expired, String reason, String message, Optional<Instant> deadline) {

        static Verdict alive(Instant deadline) {
            return new Verdict(false, null, null, Optional.of(deadline));
        }

        static Verdict settled() {
            return new Verdict(false, null, null, Optional.empty());
        }
    }

    public static final String LAUNCH_TIMEOUT = "LaunchTimeout";
    public static final String REGISTRATION_TIMEOUT = "RegistrationTimeout";

    private Liveness() {
    }

    public static Verdict check(NodeClaim claim, LifecycleSettings settings, Instant now) {
        if (NodeClaimConditions.isTrue(claim, NodeClaimStatus.REGISTERED)) {
            return Verdict.settled();
        }
        Optional<Instant> launched = NodeClaimConditions.trueSince(claim, NodeClaimStatus.LAUNCHED);
        if (launched.isPresent()) {
            return verdict(launched.get(), settings.registrationTimeout(), now, REGISTRATION_TIMEOUT,
                    "no Node registered with provider ID " + providerId(claim) + " within " + settings.registrationTimeout());
        }
        String created = claim.getMetadata().getCreationTimestamp();
        Instant since = created == null ? now : Instant.parse(created);
        return verdict(since, settings.launchTimeout(), now, LAUNCH_TIMEOUT,
                "not launched within " + settings.launchTimeout() + " of its creation");
    }

    /**
     * Whether to ask the cloud now about the instance of a claim launched but not registered, rather
     * than wait for the periodic garbage collection: under garbage collection's own rule
     * ({@link GarbageCollection#expectsListedInstance}), since a cloud may not know an instance the
     * moment it is launched.
     */
    public static boolean instanceShouldBeListed(NodeClaim claim, Instant now) {
        return !NodeClaimConditions.isTrue(claim, NodeClaimStatus.REGISTERED)
                && GarbageCollection.expectsListedInstance(NodeClaimConditions.trueSince(claim, NodeClaimStatus.LAUNCHED), now);
    }

    private static Verdict verdict(Instant since, Duration timeout, Instant now, String reason, String message) {
        Instant deadline = since.plus(timeout);
        return now.isBefore(deadline) ? Verdict.alive(deadline) : new Verdict(true, reason, message, Optional.of(deadline));
    }

    private static String providerId(NodeClaim claim) {
        return claim.getStatus() == null ? null : claim.getStatus().getProviderID();
    }
}
