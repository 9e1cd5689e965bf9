package dev.ebbflow.crds.karpenter.aws;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/**
 * What the selectors resolved to (subnets with their zones, security groups, capacity reservations,
 * AMIs with the requirements of the instance types each serves, the instance profile) and the conditions
 * {@code Ready}, {@code SubnetsReady}, {@code SecurityGroupsReady}, {@code AMIsReady},
 * {@code InstanceProfileReady}, {@code CapacityReservationsReady}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EC2NodeClassStatus {

    private List<SubnetStatus> subnets;

    private List<SecurityGroupStatus> securityGroups;

    private List<CapacityReservationStatus> capacityReservations;

    private List<AmiStatus> amis;

    private String instanceProfile;

    private List<Condition> conditions;

    public List<SubnetStatus> getSubnets() {
        return subnets;
    }

    public void setSubnets(List<SubnetStatus> subnets) {
        this.subnets = subnets;
    }

    public List<SecurityGroupStatus> getSecurityGroups() {
        return securityGroups;
    }

    public void setSecurityGroups(List<SecurityGroupStatus> securityGroups) {
        this.securityGroups = securityGroups;
    }

    public List<CapacityReservationStatus> getCapacityReservations() {
        return capacityReservations;
    }

    public void setCapacityReservations(List<CapacityReservationStatus> capacityReservations) {
        this.capacityReservations = capacityReservations;
    }

    public List<AmiStatus> getAmis() {
        return amis;
    }

    public void setAmis(List<AmiStatus> amis) {
        this.amis = amis;
    }

    public String getInstanceProfile() {
        return instanceProfile;
    }

    public void setInstanceProfile(String instanceProfile) {
        this.instanceProfile = instanceProfile;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }
}
