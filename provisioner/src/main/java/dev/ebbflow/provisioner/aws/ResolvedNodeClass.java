package dev.ebbflow.provisioner.aws;

import dev.ebbflow.crds.karpenter.aws.AmiFamily;
import dev.ebbflow.crds.karpenter.aws.EC2NodeClass;
import dev.ebbflow.provisioner.catalog.InstanceType;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An EC2NodeClass with its selectors resolved against EC2: the subnets (and so the zones) instances
 * may launch in, their security groups, the newest AMI per architecture and build, the AMI family that decides
 * the user data format, the instance profile, and the capacity reservations it selects.
 */
record ResolvedNodeClass(EC2NodeClass nodeClass, List<Subnet> subnets, List<SecurityGroup> securityGroups, List<Ami> amis,
                         AmiFamily family, String instanceProfile, CapacityReservations.Selection reservations) {

    record Subnet(String id, String zone, String zoneId, int availableIps) {
    }

    record SecurityGroup(String id, String name) {
    }

    /**
     * @param architecture {@code amd64} or {@code arm64}
     * @param variants the builds an alias's SSM parameters say the image is (the types it boots), or
     *     none for an image selected otherwise, which boots any type of its architecture
     */
    record Ami(String id, String name, String architecture, String created, List<AmiVariant> variants) {
        Ami {
            variants = List.copyOf(variants);
        }

        boolean boots(InstanceType type) {
            return architecture.equals(type.architecture()) && (variants.isEmpty() || variants.stream().anyMatch(v -> v.fits(type)));
        }
    }

    ResolvedNodeClass {
        subnets = List.copyOf(subnets);
        securityGroups = List.copyOf(securityGroups);
        amis = List.copyOf(amis);
    }

    /** Whether the class selects capacity reservations at all (then its other launches keep out of open ones). */
    boolean selectsReservations() {
        return nodeClass.getSpec().getCapacityReservationSelectorTerms() != null && !nodeClass.getSpec().getCapacityReservationSelectorTerms().isEmpty();
    }

    String name() {
        return nodeClass.getMetadata().getName();
    }

    Set<String> zones() {
        return subnets.stream().map(Subnet::zone).collect(Collectors.toSet());
    }

    /** The newest AMI that boots the type. */
    Optional<Ami> ami(InstanceType type) {
        return amis.stream().filter(a -> a.boots(type)).findFirst();
    }

    /** The subnet of a zone with the most free addresses, as Karpenter picks one per zone. */
    Optional<Subnet> subnet(String zone) {
        return subnets.stream().filter(s -> s.zone().equals(zone)).max(java.util.Comparator.comparingInt(Subnet::availableIps)
                .thenComparing(Subnet::id, java.util.Comparator.reverseOrder()));
    }

    List<String> securityGroupIds() {
        return securityGroups.stream().map(SecurityGroup::id).sorted().toList();
    }
}
