package dev.ebbflow.crds.karpenter.aws;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * A capacity reservation the class's {@code capacityReservationSelectorTerms} select, as Karpenter lists
 * it: where and what it reserves, whose it is, when it ends, whether it is an ordinary reservation or a
 * capacity block, and whether it is {@code expiring} (a capacity block inside EC2's reclaim window).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CapacityReservationStatus {

    public static final String TYPE_DEFAULT = "default";
    public static final String TYPE_CAPACITY_BLOCK = "capacity-block";
    public static final String STATE_ACTIVE = "active";
    public static final String STATE_EXPIRING = "expiring";

    @Required
    private String availabilityZone;

    /** RFC 3339; absent for a reservation without an end date. */
    private String endTime;

    @Required
    @Pattern("^cr-[0-9a-z]+$")
    private String id;

    @Required
    @Pattern("^(open|targeted)$")
    private String instanceMatchCriteria;

    @Required
    private String instanceType;

    @Required
    @Pattern("^[0-9]{12}$")
    private String ownerID;

    @Default(TYPE_DEFAULT)
    @Pattern("^(default|capacity-block)$")
    private String reservationType;

    @Default(STATE_ACTIVE)
    @Pattern("^(active|expiring)$")
    private String state;

    /** Whether the reservation's owner may reclaim its instances (an interruptible capacity reservation). */
    private Boolean interruptible;

    public String getAvailabilityZone() {
        return availabilityZone;
    }

    public void setAvailabilityZone(String availabilityZone) {
        this.availabilityZone = availabilityZone;
    }

    public String getEndTime() {
        return endTime;
    }

    public void setEndTime(String endTime) {
        this.endTime = endTime;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getInstanceMatchCriteria() {
        return instanceMatchCriteria;
    }

    public void setInstanceMatchCriteria(String instanceMatchCriteria) {
        this.instanceMatchCriteria = instanceMatchCriteria;
    }

    public String getInstanceType() {
        return instanceType;
    }

    public void setInstanceType(String instanceType) {
        this.instanceType = instanceType;
    }

    public String getOwnerID() {
        return ownerID;
    }

    public void setOwnerID(String ownerID) {
        this.ownerID = ownerID;
    }

    public String getReservationType() {
        return reservationType;
    }

    public void setReservationType(String reservationType) {
        this.reservationType = reservationType;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public Boolean getInterruptible() {
        return interruptible;
    }

    public void setInterruptible(Boolean interruptible) {
        this.interruptible = interruptible;
    }
}
