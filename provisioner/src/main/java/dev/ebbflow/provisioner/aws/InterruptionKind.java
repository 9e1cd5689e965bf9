package dev.ebbflow.provisioner.aws;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import java.util.Map;
import java.util.Optional;

/**
 * What an interruption queue message says happens to an instance, with Karpenter's
 * {@code message_type} metric label, the Event reason it records, and what is done about it: an
 * instance about to go (spot interruption, scheduled change, stopping or terminating) has its
 * NodeClaim deleted through the normal termination path, so its pods are drained and replaced
 * before the instance goes; a rebalance recommendation is only recorded, as Karpenter does by default.
 * A spot interruption, or the interruption of an instance launched into an interruptible capacity
 * reservation, also marks the offering unavailable, as EC2 is taking that capacity back. An instance
 * whose EC2 status checks keep failing is replaced the same way.
 */
public enum InterruptionKind {
    SPOT_INTERRUPTION("spot_interrupted", "SpotInterrupted", "Spot interruption warning was triggered"),
    CAPACITY_RESERVATION_INTERRUPTION("capacity_reservation_interrupted", "CapacityReservationInstanceInterrupted",
            "Capacity reservation interruption warning was triggered"),
    REBALANCE_RECOMMENDATION("rebalance_recommendation", "SpotRebalanceRecommendation", "Spot rebalance recommendation was triggered"),
    SCHEDULED_CHANGE("scheduled_change", "InstanceUnhealthy", "An AWS Health scheduled change was announced for the instance"),
    INSTANCE_STOPPED("instance_stopped", "InstanceStopping", "Instance is stopping"),
    INSTANCE_TERMINATED("instance_terminated", "InstanceTerminating", "Instance is terminating"),
    /** Not a queue message: EC2's instance status check (DescribeInstanceStatus) failing for {@link InstanceStatusChecks#UNHEALTHY_AFTER}. */
    INSTANCE_STATUS_FAILURE("instance_status_failure", "InstanceUnhealthy", "The instance's EC2 instance status check is failing"),
    /** Not a queue message: EC2's system status check (the host's) failing for {@link InstanceStatusChecks#UNHEALTHY_AFTER}. */
    SYSTEM_STATUS_FAILURE("system_status_failure", "InstanceUnhealthy", "The instance's EC2 system status check is failing"),
    /** A well-formed event that needs nothing done (e.g. an instance starting, another service's health event). */
    NO_OP("no_op", "", "");

    private final String messageType;
    private final String reason;
    private final String description;

    InterruptionKind(String messageType, String reason, String description) {
        this.messageType = messageType;
        this.reason = reason;
        this.description = description;
    }

    /** Karpenter's {@code message_type} label of {@code karpenter_interruption_received_messages_total}. */
    public String messageType() {
        return messageType;
    }

    /** The Event reason recorded on the affected NodeClaim and Node. */
    public String reason() {
        return reason;
    }

    public String description() {
        return description;
    }

    /** Whether the affected NodeClaim is deleted (tainted, drained, replaced) rather than only noted. */
    public boolean deletesClaim() {
        return this != REBALANCE_RECOMMENDATION && this != NO_OP;
    }

    /** The capacity type whose offering is remembered as unavailable (EC2 is reclaiming that capacity), if any. */
    private Optional<String> reclaimedCapacityType() {
        return switch (this) {
            case SPOT_INTERRUPTION -> Optional.of(dev.ebbflow.provisioner.catalog.Offering.SPOT);
            case CAPACITY_RESERVATION_INTERRUPTION -> Optional.of(dev.ebbflow.provisioner.catalog.Offering.RESERVED);
            default -> Optional.empty();
        };
    }

    /** An offering as the shared {@link dev.ebbflow.provisioner.cloud.UnavailableOfferings} keys it. */
    public record Offering(String instanceType, String zone, String capacityType) {
    }

    /**
     * The offering to stop choosing for a while, from the interrupted NodeClaim's labels: its type and
     * zone as spot (reserved), when this kind reclaims spot (reserved) capacity and the claim was of that capacity type.
     */
    public Optional<Offering> unavailableOffering(Map<String, String> claimLabels) {
        Optional<String> capacityType = reclaimedCapacityType();
        if (capacityType.isEmpty() || claimLabels == null || !capacityType.get().equals(claimLabels.get(KarpenterLabels.CAPACITY_TYPE))) {
            return Optional.empty();
        }
        String type = claimLabels.get(KarpenterLabels.INSTANCE_TYPE);
        String zone = claimLabels.get(KarpenterLabels.ZONE);
        return type == null || zone == null ? Optional.empty() : Optional.of(new Offering(type, zone, capacityType.get()));
    }

    /** Whether anything is recorded at all. */
    public boolean isActionable() {
        return this != NO_OP;
    }
}
