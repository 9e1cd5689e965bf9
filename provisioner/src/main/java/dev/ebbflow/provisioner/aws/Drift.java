package dev.ebbflow.provisioner.aws;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * Why a running instance no longer matches its EC2NodeClass, in Karpenter's reasons: its AMI is not
 * among those the class selects now ({@code AMIDrift}), its subnet is no longer selected
 * ({@code SubnetDrift}), its security groups differ from the selected ones
 * ({@code SecurityGroupDrift}), or it is in a capacity reservation the class no longer selects
 * ({@code CapacityReservationDrift}).
 */
final class Drift {

    private Drift() {
    }

    static Optional<String> of(Instance instance, ResolvedNodeClass rc) {
        if (instance.imageId() != null && rc.amis().stream().noneMatch(a -> a.id().equals(instance.imageId()))) {
            return Optional.of("AMIDrift");
        }
        if (instance.subnetId() != null && rc.subnets().stream().noneMatch(s -> s.id().equals(instance.subnetId()))) {
            return Optional.of("SubnetDrift");
        }
        Set<String> groups = new HashSet<>();
        instance.securityGroups().stream().map(GroupIdentifier::groupId).forEach(groups::add);
        if (!groups.isEmpty() && !groups.equals(new HashSet<>(rc.securityGroupIds()))) {
            return Optional.of("SecurityGroupDrift");
        }
        // Only a class that selects reservations: its other launches keep out of open ones, while a class
        // without terms may have an instance EC2 matched into an open reservation, which no replacement would avoid.
        if (instance.capacityReservationId() != null && rc.selectsReservations() && rc.reservations().failure() == null
                && rc.reservations().reservations().stream().noneMatch(r -> r.id().equals(instance.capacityReservationId()))) {
            return Optional.of("CapacityReservationDrift");
        }
        return Optional.empty();
    }
}
