package dev.ebbflow.provisioner.aws;

import dev.ebbflow.crds.karpenter.aws.BlockDeviceMapping;
import dev.ebbflow.crds.karpenter.aws.EC2NodeClassSpec;
import dev.ebbflow.crds.karpenter.aws.MetadataOptions;
import dev.ebbflow.provisioner.cloud.CloudProviderException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ec2.model.CapacityReservationTarget;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateBlockDeviceMappingRequest;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateCapacityReservationSpecificationRequest;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateInstanceMarketOptionsRequest;
import software.amazon.awssdk.services.ec2.model.MarketType;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateEbsBlockDeviceRequest;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateInstanceMetadataOptionsRequest;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateInstanceNetworkInterfaceSpecificationRequest;
import software.amazon.awssdk.services.ec2.model.LaunchTemplatesMonitoringRequest;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateIamInstanceProfileSpecificationRequest;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateTagSpecificationRequest;
import software.amazon.awssdk.services.ec2.model.RequestLaunchTemplateData;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * One launch template per distinct (AMI, security groups, user data, disks, metadata options,
 * instance profile, monitoring, public IP, capacity reservation target) — named after a digest of them,
 * so that every launch with the same content reuses it, across operator restarts too.
 */
final class LaunchTemplates {

    static final String NAME_PREFIX = "karpenter.k8s.aws/";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /**
     * How a launch uses capacity reservations: into one reservation ({@code capacity-reservations-only}
     * with its id, and the capacity-block market for a capacity block), or into none
     * ({@code preference none}: the launches of a class that selects reservations keep out of open
     * ones it did not select, as Karpenter's do).
     */
    record ReservationTarget(String preference, String reservationId, boolean capacityBlock) {

        static final ReservationTarget NONE = new ReservationTarget("none", null, false);

        static ReservationTarget into(String reservationId, boolean capacityBlock) {
            return new ReservationTarget("capacity-reservations-only", reservationId, capacityBlock);
        }
    }

    /**
     * Everything a launch template holds; {@code reservation} is null for a class that selects no reservation
     * (and, null, is left out of the digest, so those templates keep the names they had).
     */
    record Content(String imageId, List<String> securityGroupIds, String userData, List<BlockDeviceMapping> blockDevices,
                   MetadataOptions metadataOptions, String instanceProfile, boolean detailedMonitoring, Boolean associatePublicIp,
                   Map<String, String> tags, ReservationTarget reservation) {

        String name() {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(SERIALIZATION.asJson(this).getBytes(StandardCharsets.UTF_8));
                return NAME_PREFIX + HexFormat.of().formatHex(digest, 0, 10);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JVM", e);
            }
        }
    }

    private final AwsClients clients;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    LaunchTemplates(AwsClients clients) {
        this.clients = clients;
    }

    static Content content(EC2NodeClassSpec spec, ResolvedNodeClass.Ami ami, List<String> securityGroups, String userData,
                           List<BlockDeviceMapping> blockDevices, String instanceProfile, Map<String, String> tags,
                           ReservationTarget reservation) {
        return new Content(ami.id(), securityGroups, userData, blockDevices, spec.getMetadataOptions(), instanceProfile,
                Boolean.TRUE.equals(spec.getDetailedMonitoring()), spec.getAssociatePublicIPAddress(), tags, reservation);
    }

    /** The template's name, created first when EC2 does not have it. */
    String ensure(Content content) throws CloudProviderException {
        String name = content.name();
        if (known.contains(name)) {
            return name;
        }
        try {
            AwsErrors.call("DescribeLaunchTemplates", () -> clients.ec2.describeLaunchTemplates(r -> r.launchTemplateNames(name)));
        } catch (CloudProviderException e) {
            if (!AwsErrors.code(e.getCause()).filter(c -> c.equals("InvalidLaunchTemplateName.NotFoundException")).isPresent()) {
                throw e;
            }
            create(name, content);
        }
        known.add(name);
        return name;
    }

    /** Forgets a template EC2 no longer has (a fleet named it and EC2 said it does not exist). */
    void forget(String name) {
        known.remove(name);
    }

    private void create(String name, Content c) throws CloudProviderException {
        RequestLaunchTemplateData.Builder data = RequestLaunchTemplateData.builder()
                .imageId(c.imageId())
                .userData(Base64.getEncoder().encodeToString(c.userData().getBytes(StandardCharsets.UTF_8)))
                .iamInstanceProfile(LaunchTemplateIamInstanceProfileSpecificationRequest.builder().name(c.instanceProfile()).build())
                .monitoring(LaunchTemplatesMonitoringRequest.builder().enabled(c.detailedMonitoring()).build())
                .blockDeviceMappings(blockDevices(c.blockDevices()))
                .tagSpecifications(LaunchTemplateTagSpecificationRequest.builder().resourceType(ResourceType.VOLUME).tags(tags(c.tags())).build());
        MetadataOptions m = c.metadataOptions();
        data.metadataOptions(LaunchTemplateInstanceMetadataOptionsRequest.builder()
                .httpEndpoint(m == null || m.getHttpEndpoint() == null ? "enabled" : m.getHttpEndpoint())
                .httpProtocolIpv6(m == null || m.getHttpProtocolIPv6() == null ? "disabled" : m.getHttpProtocolIPv6())
                .httpPutResponseHopLimit(m == null || m.getHttpPutResponseHopLimit() == null ? 1 : m.getHttpPutResponseHopLimit().intValue())
                .httpTokens(m == null || m.getHttpTokens() == null ? "required" : m.getHttpTokens()).build());
        ReservationTarget target = c.reservation();
        if (target != null) {
            data.capacityReservationSpecification(LaunchTemplateCapacityReservationSpecificationRequest.builder()
                    .capacityReservationPreference(target.preference())
                    .capacityReservationTarget(target.reservationId() == null ? null
                            : CapacityReservationTarget.builder().capacityReservationId(target.reservationId()).build()).build());
            if (target.capacityBlock()) {
                data.instanceMarketOptions(LaunchTemplateInstanceMarketOptionsRequest.builder().marketType(MarketType.CAPACITY_BLOCK).build());
            }
        }
        if (c.associatePublicIp() != null) {
            data.networkInterfaces(LaunchTemplateInstanceNetworkInterfaceSpecificationRequest.builder().deviceIndex(0)
                    .associatePublicIpAddress(c.associatePublicIp()).groups(c.securityGroupIds()).build());
        } else {
            data.securityGroupIds(c.securityGroupIds());
        }
        try {
            AwsErrors.call("CreateLaunchTemplate", () -> clients.ec2.createLaunchTemplate(r -> r.launchTemplateName(name).launchTemplateData(data.build())
                    .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.LAUNCH_TEMPLATE).tags(tags(c.tags())).build())));
        } catch (CloudProviderException e) {
            // Another replica, or an earlier attempt whose answer was lost, made it first: the same content under the same name.
            if (!AwsErrors.code(e.getCause()).filter(code -> code.equals("InvalidLaunchTemplateName.AlreadyExistsException")).isPresent()) {
                throw e;
            }
        }
    }

    private static List<LaunchTemplateBlockDeviceMappingRequest> blockDevices(List<BlockDeviceMapping> mappings) {
        List<LaunchTemplateBlockDeviceMappingRequest> out = new ArrayList<>();
        for (BlockDeviceMapping m : mappings) {
            LaunchTemplateBlockDeviceMappingRequest.Builder b = LaunchTemplateBlockDeviceMappingRequest.builder().deviceName(m.getDeviceName());
            if (m.getEbs() != null) {
                var e = m.getEbs();
                b.ebs(LaunchTemplateEbsBlockDeviceRequest.builder()
                        .volumeSize(e.getVolumeSize() == null ? null : BlockDevices.gib(e.getVolumeSize()))
                        .volumeType(e.getVolumeType() == null ? null : e.getVolumeType().name())
                        .iops(e.getIops() == null ? null : e.getIops().intValue())
                        .throughput(e.getThroughput() == null ? null : e.getThroughput().intValue())
                        .encrypted(e.getEncrypted()).kmsKeyId(e.getKmsKeyID()).snapshotId(e.getSnapshotID())
                        .deleteOnTermination(e.getDeleteOnTermination()).build());
            }
            out.add(b.build());
        }
        return out;
    }

    static List<Tag> tags(Map<String, String> tags) {
        return new java.util.TreeMap<>(tags).entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }
}
