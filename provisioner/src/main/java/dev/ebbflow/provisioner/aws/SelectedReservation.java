package dev.ebbflow.provisioner.aws;

import dev.ebbflow.crds.karpenter.aws.CapacityReservationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A capacity reservation an EC2NodeClass selects, as DescribeCapacityReservations last described it.
 *
 * @param type {@code default} or {@code capacity-block}
 * @param endTime null for a reservation without an end date
 * @param availableCount the instances it could still start when described
 */
record SelectedReservation(String id, String instanceType, String zone, String ownerId, String matchCriteria, Instant endTime,
                           String type, boolean interruptible, int availableCount) {

    /**
     * EC2 starts terminating a capacity block's instances 30 minutes before its end; Karpenter treats the
     * block as expiring, and drains its nodes, 10 minutes before that.
     */
    static final Duration CAPACITY_BLOCK_RECLAIM = Duration.ofMinutes(40);

    boolean capacityBlock() {
        return CapacityReservationStatus.TYPE_CAPACITY_BLOCK.equals(type);
    }

    /** {@code expiring} once a capacity block is inside its reclaim window, else {@code active}. */
    String state(Instant now) {
        return capacityBlock() && endTime != null && !now.isBefore(endTime.minus(CAPACITY_BLOCK_RECLAIM))
                ? CapacityReservationStatus.STATE_EXPIRING : CapacityReservationStatus.STATE_ACTIVE;
    }

    /** The labels a node launched into it carries, which requirements may select. */
    Map<String, String> labels() {
        Map<String, String> labels = new TreeMap<>();
        labels.put(Ec2Labels.CAPACITY_RESERVATION_ID, id);
        labels.put(Ec2Labels.CAPACITY_RESERVATION_TYPE, type);
        labels.put(Ec2Labels.CAPACITY_RESERVATION_INTERRUPTIBLE, String.valueOf(interruptible));
        return labels;
    }

    CapacityReservationStatus status(Instant now) {
        CapacityReservationStatus s = new CapacityReservationStatus();
        s.setId(id);
        s.setInstanceType(instanceType);
        s.setAvailabilityZone(zone);
        s.setOwnerID(ownerId);
        s.setInstanceMatchCriteria(matchCriteria);
        s.setEndTime(endTime == null ? null : endTime.toString());
        s.setReservationType(type);
        s.setState(state(now));
        s.setInterruptible(interruptible);
        return s;
    }
}
