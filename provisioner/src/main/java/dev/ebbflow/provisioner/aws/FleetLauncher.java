package dev.ebbflow.provisioner.aws;

import dev.ebbflow.crds.karpenter.aws.CapacityReservationStatus;
import dev.ebbflow.provisioner.catalog.Offering;
import dev.ebbflow.provisioner.cloud.CloudProviderException;
import dev.ebbflow.provisioner.cloud.InsufficientCapacityException;
import dev.ebbflow.provisioner.cloud.LaunchCandidate;
import dev.ebbflow.provisioner.cloud.UnavailableOfferings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.model.CreateFleetError;
import software.amazon.awssdk.services.ec2.model.CreateFleetInstance;
import software.amazon.awssdk.services.ec2.model.CreateFleetRequest;
import software.amazon.awssdk.services.ec2.model.CreateFleetResponse;
import software.amazon.awssdk.services.ec2.model.DefaultTargetCapacityType;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateConfigRequest;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateOverridesRequest;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateSpecificationRequest;
import software.amazon.awssdk.services.ec2.model.FleetOnDemandAllocationStrategy;
import software.amazon.awssdk.services.ec2.model.FleetType;
import software.amazon.awssdk.services.ec2.model.OnDemandOptionsRequest;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SpotAllocationStrategy;
import software.amazon.awssdk.services.ec2.model.SpotOptionsRequest;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.TargetCapacitySpecificationRequest;

/**
 * Launches one instance with CreateFleet (type {@code instant}) over a claim's candidates: into a
 * capacity reservation when the claim has a reserved candidate (on-demand, or the capacity-block
 * market, each reservation through a launch template that targets it), else spot when the claim allows
 * it (price-capacity-optimized), else on-demand (lowest-price), each candidate type in the subnet of its
 * zone. Offerings the fleet reports out of capacity are remembered as unavailable (a reservation
 * EC2 says is full, on its own) and the next fleet tries what is left; the ClientToken of each attempt
 * derives from the claim's UID, so a repeated request after a lost answer returns the instance already
 * launched.
 */
final class FleetLauncher {

    /** EC2 takes at most this many overrides per fleet request worth sending; Karpenter sends 60. */
    static final int MAX_OVERRIDES = 60;
    static final int MAX_FLEETS = 4;
    private static final Logger LOG = LoggerFactory.getLogger(FleetLauncher.class);

    /** Where a candidate launches: its launch template and subnet. */
    interface Placement {
        String launchTemplate(LaunchCandidate candidate) throws CloudProviderException;

        String subnet(LaunchCandidate candidate);

        String zoneOfSubnet(String subnetId);
    }

    record Launched(LaunchCandidate candidate, String instanceId) {
    }

    private final AwsClients clients;
    private final UnavailableOfferings unavailable;

    FleetLauncher(AwsClients clients, UnavailableOfferings unavailable) {
        this.clients = clients;
        this.unavailable = unavailable;
    }

    Launched launch(String claimName, String tokenBase, List<LaunchCandidate> ranked, Map<String, String> tags, String context,
                    Placement placement) throws CloudProviderException {
        for (int attempt = 0; attempt < MAX_FLEETS; attempt++) {
            List<LaunchCandidate> remaining = ranked.stream().filter(c -> !unavailable.isUnavailable(c.instanceType().name(), c.offering()))
                    .toList();
            if (remaining.isEmpty()) {
                break;
            }
            String capacityType = capacityType(remaining);
            List<LaunchCandidate> batch = Offering.RESERVED.equals(capacityType) ? reservedBatch(remaining) : batch(remaining, capacityType);
            CreateFleetRequest request = request(token(tokenBase, attempt), batch, capacityType, tags, context, placement);
            CreateFleetResponse response;
            try {
                response = AwsErrors.call("CreateFleet", () -> clients.ec2.createFleet(request));
            } catch (CloudProviderException e) {
                // EC2 may refuse the whole request when every targeted reservation is full, not each override.
                if (!Offering.RESERVED.equals(capacityType) || AwsErrors.code(e.getCause()).filter(AwsErrors.CAPACITY::contains).isEmpty()) {
                    throw e;
                }
                batch.forEach(c -> unavailable.markReservationUnavailable(c.offering().reservation().id()));
                LOG.info("nodeclaim {}: {} reservations are full, trying what is left", claimName, batch.size());
                continue;
            }
            // The fleet may have found cheaper offerings out of capacity before it launched one: remembered either way.
            boolean capacityErrors = markUnavailable(response, batch, placement);
            Optional<Launched> launched = launched(response, batch, placement);
            if (launched.isPresent()) {
                return launched.get();
            }
            if (!capacityErrors) {
                throw new CloudProviderException("nodeclaim " + claimName + ": CreateFleet launched nothing: " + errors(response));
            }
            LOG.info("nodeclaim {}: no capacity for {} of {} offerings, trying what is left", claimName, response.errors().size(), batch.size());
        }
        throw new InsufficientCapacityException("nodeclaim " + claimName + ": all " + ranked.size()
                + " compatible offerings are out of capacity");
    }

    /** EC2's ClientToken allows 64 ASCII characters; a UID is 36. */
    static String token(String base, int attempt) {
        String t = base + "-" + attempt;
        return t.length() <= 64 ? t : t.substring(t.length() - 64);
    }

    /** Reserved capacity first (it is paid for), then spot when allowed, then on-demand, as Karpenter orders them. */
    private static String capacityType(List<LaunchCandidate> remaining) {
        if (remaining.stream().anyMatch(c -> c.offering().reservation() != null)) {
            return Offering.RESERVED;
        }
        return remaining.stream().anyMatch(c -> Offering.SPOT.equals(c.offering().capacityType())) ? Offering.SPOT : Offering.ON_DEMAND;
    }

    /**
     * The reserved candidates of the cheapest one's kind (one fleet cannot mix ordinary reservations and
     * capacity blocks; at equal price capacity blocks, as Karpenter chooses), one reservation per (type,
     * zone), the one with the most instances left: EC2 takes one launch template per type and zone.
     */
    private static List<LaunchCandidate> reservedBatch(List<LaunchCandidate> remaining) {
        List<LaunchCandidate> reserved = remaining.stream().filter(c -> c.offering().reservation() != null).toList();
        double cheapest = reserved.get(0).offering().pricePerHour();
        boolean capacityBlocks = reserved.stream().filter(c -> c.offering().pricePerHour() == cheapest).anyMatch(FleetLauncher::capacityBlock);
        Map<String, LaunchCandidate> unique = new LinkedHashMap<>();
        for (LaunchCandidate c : reserved) {
            if (capacityBlock(c) == capacityBlocks) {
                unique.merge(c.instanceType().name() + "/" + c.offering().zone(), c,
                        (a, b) -> b.offering().reservation().capacity() > a.offering().reservation().capacity() ? b : a);
            }
        }
        return unique.values().stream().limit(MAX_OVERRIDES).toList();
    }

    static boolean capacityBlock(LaunchCandidate c) {
        return c.offering().reservation() != null && CapacityReservationStatus.TYPE_CAPACITY_BLOCK
                .equals(c.offering().reservation().labels().get(Ec2Labels.CAPACITY_RESERVATION_TYPE));
    }

    /** The cheapest candidates of the capacity type, one per (type, zone). */
    private static List<LaunchCandidate> batch(List<LaunchCandidate> remaining, String capacityType) {
        Map<String, LaunchCandidate> unique = new LinkedHashMap<>();
        for (LaunchCandidate c : remaining) {
            if (capacityType.equals(c.offering().capacityType()) && unique.size() < MAX_OVERRIDES) {
                unique.putIfAbsent(c.instanceType().name() + "/" + c.offering().zone(), c);
            }
        }
        return List.copyOf(unique.values());
    }

    private CreateFleetRequest request(String token, List<LaunchCandidate> batch, String capacityType, Map<String, String> tags,
                                       String context, Placement placement) throws CloudProviderException {
        Map<String, List<FleetLaunchTemplateOverridesRequest>> byTemplate = new LinkedHashMap<>();
        for (LaunchCandidate c : batch) {
            byTemplate.computeIfAbsent(placement.launchTemplate(c), t -> new ArrayList<>()).add(FleetLaunchTemplateOverridesRequest.builder()
                    .instanceType(c.instanceType().name()).subnetId(placement.subnet(c)).build());
        }
        List<FleetLaunchTemplateConfigRequest> configs = new ArrayList<>();
        byTemplate.forEach((template, overrides) -> configs.add(FleetLaunchTemplateConfigRequest.builder()
                .launchTemplateSpecification(FleetLaunchTemplateSpecificationRequest.builder().launchTemplateName(template).version("$Latest").build())
                .overrides(overrides).build()));
        boolean spot = Offering.SPOT.equals(capacityType);
        boolean capacityBlock = capacityBlock(batch.get(0));
        CreateFleetRequest.Builder b = CreateFleetRequest.builder().type(FleetType.INSTANT).clientToken(token).context(context)
                .launchTemplateConfigs(configs)
                .targetCapacitySpecification(TargetCapacitySpecificationRequest.builder().totalTargetCapacity(1)
                        .defaultTargetCapacityType(spot ? DefaultTargetCapacityType.SPOT
                                : capacityBlock ? DefaultTargetCapacityType.CAPACITY_BLOCK : DefaultTargetCapacityType.ON_DEMAND).build())
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(LaunchTemplates.tags(tags)).build(),
                        TagSpecification.builder().resourceType(ResourceType.VOLUME).tags(LaunchTemplates.tags(tags)).build(),
                        TagSpecification.builder().resourceType(ResourceType.FLEET).tags(LaunchTemplates.tags(tags)).build());
        if (spot) {
            b.spotOptions(SpotOptionsRequest.builder().allocationStrategy(SpotAllocationStrategy.PRICE_CAPACITY_OPTIMIZED).build());
        } else if (!capacityBlock) {
            b.onDemandOptions(OnDemandOptionsRequest.builder().allocationStrategy(FleetOnDemandAllocationStrategy.LOWEST_PRICE).build());
        }
        return b.build();
    }

    private static Optional<Launched> launched(CreateFleetResponse response, List<LaunchCandidate> batch, Placement placement) {
        for (CreateFleetInstance instance : response.instances()) {
            if (instance.instanceIds().isEmpty()) {
                continue;
            }
            var overrides = instance.launchTemplateAndOverrides() == null ? null : instance.launchTemplateAndOverrides().overrides();
            String type = overrides != null && overrides.instanceTypeAsString() != null ? overrides.instanceTypeAsString() : instance.instanceTypeAsString();
            String zone = overrides == null ? null : overrides.availabilityZone() != null ? overrides.availabilityZone()
                    : placement.zoneOfSubnet(overrides.subnetId());
            LaunchCandidate candidate = batch.stream().filter(c -> c.instanceType().name().equals(type)
                    && (zone == null || c.offering().zone().equals(zone))).findFirst().orElse(batch.get(0));
            return Optional.of(new Launched(candidate, instance.instanceIds().get(0)));
        }
        return Optional.empty();
    }

    /**
     * Marks the offerings the fleet found out of capacity (a reservation on its own: others of its type and
     * zone may have room); false when no error was about capacity.
     */
    private boolean markUnavailable(CreateFleetResponse response, List<LaunchCandidate> batch, Placement placement)
            throws CloudProviderException {
        boolean capacity = false;
        Set<String> other = new LinkedHashSet<>();
        for (CreateFleetError e : response.errors()) {
            if (AwsErrors.UNAUTHORIZED.contains(e.errorCode())) {
                throw new Ec2AuthorizationException("CreateFleet: not authorized (" + e.errorCode() + ": " + e.errorMessage() + ")", null);
            }
            if (!AwsErrors.CAPACITY.contains(e.errorCode()) || e.launchTemplateAndOverrides() == null
                    || e.launchTemplateAndOverrides().overrides() == null) {
                other.add(e.errorCode());
                continue;
            }
            var o = e.launchTemplateAndOverrides().overrides();
            String zone = o.availabilityZone() != null ? o.availabilityZone() : placement.zoneOfSubnet(o.subnetId());
            Optional<LaunchCandidate> failed = batch.stream().filter(c -> c.instanceType().name().equals(o.instanceTypeAsString())
                    && c.offering().zone().equals(zone)).findFirst();
            if (failed.isEmpty()) {
                other.add(e.errorCode());
                continue;
            }
            unavailable.markUnavailable(o.instanceTypeAsString(), failed.get().offering());
            capacity = true;
        }
        return capacity;
    }

    private static String errors(CreateFleetResponse response) {
        return response.errors().isEmpty() ? "no instance and no error"
                : String.join("; ", response.errors().stream().map(e -> e.errorCode() + ": " + e.errorMessage()).toList());
    }
}
