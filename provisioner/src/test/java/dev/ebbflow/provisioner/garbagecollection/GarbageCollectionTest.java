package dev.ebbflow.provisioner.garbagecollection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeClaimStatus;
import dev.ebbflow.provisioner.garbagecollection.GarbageCollection.Claim;
import dev.ebbflow.provisioner.garbagecollection.GarbageCollection.Instance;
import dev.ebbflow.provisioner.garbagecollection.GarbageCollection.Plan;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GarbageCollectionTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final String SIM = "simulated";

    private static Instance instance(String providerId, String claimName, Instant launchedAt) {
        return new Instance(SIM, providerId, Optional.ofNullable(claimName), Optional.ofNullable(launchedAt), false);
    }

    private static Claim claim(String name, String providerId, Instant launchedAt) {
        return new Claim(name, Optional.of(SIM), Optional.ofNullable(providerId), Optional.ofNullable(launchedAt), false);
    }

    private static Plan plan(List<Instance> listed, List<Claim> claims) {
        return GarbageCollection.plan(Map.of(SIM, listed), claims, true, NOW);
    }

    @Test
    void anInstanceNoClaimOwnsIsCollectedOnceThirtySecondsOld() {
        Instance old = instance("sim://a/1", "gone", NOW.minus(GarbageCollection.INSTANCE_GRACE));
        Instance young = instance("sim://a/2", "gone-too", NOW.minus(GarbageCollection.INSTANCE_GRACE).plusMillis(1));
        assertThat(plan(List.of(old, young), List.of()).leakedInstances()).containsExactly(old);
    }

    @Test
    void anInstanceOwnedByProviderIdOrByItsClaimTagIsKept() {
        Instant longAgo = NOW.minusSeconds(3600);
        Instance byId = instance("sim://a/1", null, longAgo);
        // The claim exists but its status write (provider ID) has not happened yet: a restart between launch and write.
        Instance beingCreated = instance("sim://a/2", "creating", longAgo);
        Plan plan = plan(List.of(byId, beingCreated), List.of(claim("other-name", "sim://a/1", longAgo), claim("creating", null, null)));
        assertThat(plan.isEmpty()).isTrue();
    }

    @Test
    void terminatingUntaggedOrUndatedInstancesAreNotCollected() {
        Instant longAgo = NOW.minusSeconds(3600);
        Instance terminating = new Instance(SIM, "sim://a/1", Optional.empty(), Optional.of(longAgo), true);
        Instance undated = instance("sim://a/2", null, null);
        Instance untagged = instance("sim://a/3", null, longAgo);
        assertThat(plan(List.of(terminating, undated, untagged), List.of()).leakedInstances()).containsExactly(untagged);
    }

    @Test
    void withoutAClusterNameNoInstanceIsCollectedButClaimsStillAre() {
        Instance leaked = instance("sim://a/1", null, NOW.minusSeconds(3600));
        Claim lost = claim("lost", "sim://a/9", NOW.minusSeconds(60));
        Plan plan = GarbageCollection.plan(Map.of(SIM, List.of(leaked)), List.of(lost), false, NOW);
        assertThat(plan.leakedInstances()).isEmpty();
        assertThat(plan.claimsWithoutInstance()).containsExactly(lost);
    }

    @Test
    void aClaimWhoseInstanceIsNotListedIsCollectedTenSecondsAfterItsLaunch() {
        Claim lost = claim("lost", "sim://a/9", NOW.minus(GarbageCollection.CLAIM_GRACE));
        Claim justLaunched = claim("fresh", "sim://a/8", NOW.minus(GarbageCollection.CLAIM_GRACE).plusMillis(1));
        Claim alive = claim("alive", "sim://a/1", NOW.minusSeconds(3600));
        Plan plan = plan(List.of(instance("sim://a/1", "alive", NOW.minusSeconds(3600))), List.of(lost, justLaunched, alive));
        assertThat(plan.claimsWithoutInstance()).containsExactly(lost);
        assertThat(plan.leakedInstances()).isEmpty();
    }

    @Test
    void claimsNotLaunchedDeletingOrWithATerminatingInstanceAreKept() {
        Instant longAgo = NOW.minusSeconds(3600);
        Claim notLaunched = claim("pending", null, null);
        Claim deleting = new Claim("deleting", Optional.of(SIM), Optional.of("sim://a/7"), Optional.of(longAgo), true);
        Claim shuttingDown = claim("shutting-down", "sim://a/6", longAgo);
        Instance terminating = new Instance(SIM, "sim://a/6", Optional.of("shutting-down"), Optional.of(longAgo), true);
        assertThat(plan(List.of(terminating), List.of(notLaunched, deleting, shuttingDown)).isEmpty()).isTrue();
    }

    @Test
    void aCloudWhoseListingFailedJudgesNothing() {
        Instant longAgo = NOW.minusSeconds(3600);
        Claim onFailedCloud = new Claim("aws-claim", Optional.of("aws"), Optional.of("aws:///zone/i-1"), Optional.of(longAgo), false);
        Claim noCloud = new Claim("orphan-kind", Optional.empty(), Optional.of("x://1"), Optional.of(longAgo), false);
        Claim lost = claim("lost", "sim://a/9", longAgo);
        // Only the simulated cloud answered: the AWS claim is not judged on an empty answer.
        Plan plan = plan(List.of(), List.of(onFailedCloud, noCloud, lost));
        assertThat(plan.claimsWithoutInstance()).containsExactly(lost);
        assertThat(GarbageCollection.plan(Map.of(), List.of(lost), true, NOW).isEmpty()).isTrue();
    }

    @Test
    void anInstanceIsReadFromItsListedDescription() {
        NodeClaim described = new NodeClaim();
        described.getMetadata().setName("claim-1");
        described.getMetadata().setCreationTimestamp("2026-01-01T11:00:00Z");
        NodeClaimStatus status = new NodeClaimStatus();
        status.setProviderID("sim://a/1");
        described.setStatus(status);
        assertThat(Instance.listed(SIM, described)).isEqualTo(new Instance(SIM, "sim://a/1", Optional.of("claim-1"),
                Optional.of(Instant.parse("2026-01-01T11:00:00Z")), false));

        described.getMetadata().setName(" ");
        described.getMetadata().setCreationTimestamp("yesterday");
        described.getMetadata().setDeletionTimestamp("2026-01-01T11:30:00Z");
        assertThat(Instance.listed(SIM, described)).isEqualTo(new Instance(SIM, "sim://a/1", Optional.empty(), Optional.empty(), true));
    }

    @Test
    void theLifecycleExpectsAnInstanceListedUnderTheSameGrace() {
        Instant launched = NOW.minusSeconds(60);
        assertThat(GarbageCollection.expectsListedInstance(Optional.empty(), NOW)).isFalse();
        assertThat(GarbageCollection.expectsListedInstance(Optional.of(launched), launched.plus(GarbageCollection.CLAIM_GRACE).minusMillis(1))).isFalse();
        assertThat(GarbageCollection.expectsListedInstance(Optional.of(launched), launched.plus(GarbageCollection.CLAIM_GRACE))).isTrue();
    }
}
