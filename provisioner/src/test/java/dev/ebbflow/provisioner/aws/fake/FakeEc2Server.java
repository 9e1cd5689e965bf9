package dev.ebbflow.provisioner.aws.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import dev.ebbflow.provisioner.faults.FaultPolicy;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.ec2.model.CapacityReservation;
import software.amazon.awssdk.services.ec2.model.CreateFleetError;
import software.amazon.awssdk.services.ec2.model.CreateFleetInstance;
import software.amazon.awssdk.services.ec2.model.CreateFleetResponse;
import software.amazon.awssdk.services.ec2.model.CreateLaunchTemplateResponse;
import software.amazon.awssdk.services.ec2.model.DescribeCapacityReservationsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypeOfferingsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceStatusResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplatesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSpotPriceHistoryResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsResponse;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceState;
import software.amazon.awssdk.services.ec2.model.InstanceStateChange;
import software.amazon.awssdk.services.ec2.model.InstanceStatus;
import software.amazon.awssdk.services.ec2.model.InstanceStatusDetails;
import software.amazon.awssdk.services.ec2.model.InstanceStatusSummary;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;
import software.amazon.awssdk.services.ec2.model.InstanceTypeOffering;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateAndOverridesResponse;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateOverrides;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateSpecification;
import software.amazon.awssdk.services.ec2.model.Placement;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.SpotPrice;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesResponse;

/**
 * A local EC2 (Query API, XML) and Pricing (JSON) endpoint speaking the subset the AWS adapter uses:
 * DescribeInstanceTypes, DescribeInstanceTypeOfferings, DescribeSpotPriceHistory, DescribeSubnets,
 * DescribeSecurityGroups, DescribeImages, DescribeCapacityReservations, CreateLaunchTemplate,
 * DescribeLaunchTemplates, CreateFleet (instant, into a targeted capacity reservation too),
 * DescribeInstances, DescribeInstanceStatus, TerminateInstances, Pricing's GetProducts, IAM's instance profile
 * actions ({@link FakeIam}) and SSM's GetParameter ({@link FakeSsm}). It records every
 * request, honours ClientToken idempotency, and injects the errors EC2 documents: an offering out of
 * capacity and a full capacity reservation ({@code ReservationCapacityExceeded}) in CreateFleet's error
 * set, as EC2 reports them, an unknown reservation id ({@code InvalidCapacityReservationId.NotFound}), and
 * whole-call errors such as RequestLimitExceeded or UnauthorizedOperation.
 */
public final class FakeEc2Server implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record InjectedError(String code, int status) {
    }

    private final HttpServer server;
    private final AtomicInteger ids = new AtomicInteger(1);
    private final List<InstanceTypeInfo> instanceTypes = new CopyOnWriteArrayList<>();
    private final Map<String, List<String>> zonesByType = new ConcurrentHashMap<>();
    private final Map<String, Double> onDemandPrices = new ConcurrentHashMap<>();
    private final Map<String, Double> spotPrices = new ConcurrentHashMap<>();
    private final List<Subnet> subnets = new CopyOnWriteArrayList<>();
    private final List<SecurityGroup> securityGroups = new CopyOnWriteArrayList<>();
    private final List<Image> images = new CopyOnWriteArrayList<>();
    private final Map<String, LaunchTemplate> launchTemplates = new ConcurrentHashMap<>();
    private final Map<String, QueryParams> launchTemplateData = new ConcurrentHashMap<>();
    private final Map<String, Instance> instances = new ConcurrentHashMap<>();
    private final Map<String, CapacityReservation> reservations = new ConcurrentHashMap<>();
    private final Map<String, String> instanceByClientToken = new ConcurrentHashMap<>();
    private final Set<String> exhausted = ConcurrentHashMap.newKeySet();
    private final Map<String, Map<String, Instant>> failingChecks = new ConcurrentHashMap<>();
    private final Map<String, Deque<InjectedError>> injected = new ConcurrentHashMap<>();
    private final List<QueryParams> requests = new CopyOnWriteArrayList<>();
    private final List<JsonNode> pricingRequests = new CopyOnWriteArrayList<>();
    private final String region;
    private final FakeIam iam = new FakeIam();
    private final FakeSsm ssm = new FakeSsm();
    private volatile FaultPolicy faults = FaultPolicy.none();

    public FakeEc2Server(String region) throws IOException {
        this.region = region;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public String region() {
        return region;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ---- the world it serves

    public FakeEc2Server instanceType(InstanceTypeInfo info, double onDemandPrice, double spotPrice, String... zones) {
        instanceTypes.add(info);
        zonesByType.put(info.instanceTypeAsString(), List.of(zones));
        onDemandPrices.put(info.instanceTypeAsString(), onDemandPrice);
        for (String zone : zones) {
            spotPrices.put(info.instanceTypeAsString() + "/" + zone, spotPrice);
        }
        return this;
    }

    public FakeEc2Server subnet(String id, String zone, Map<String, String> tags) {
        subnets.add(Subnet.builder().subnetId(id).availabilityZone(zone).availabilityZoneId(zone.replace(region, "az"))
                .availableIpAddressCount(250).tags(tags(tags)).build());
        return this;
    }

    public void removeSubnet(String id) {
        subnets.removeIf(s -> s.subnetId().equals(id));
    }

    public FakeEc2Server securityGroup(String id, String name, Map<String, String> tags) {
        securityGroups.add(SecurityGroup.builder().groupId(id).groupName(name).tags(tags(tags)).build());
        return this;
    }

    public FakeEc2Server image(String id, String name, String architecture, String owner, Instant created, Map<String, String> tags) {
        images.add(Image.builder().imageId(id).name(name).architecture(architecture).ownerId(owner).state("available")
                .creationDate(created.toString()).tags(tags(tags)).build());
        return this;
    }

    /**
     * A capacity reservation of this account ({@code 111122223333}), {@code active}, targeted, with this many
     * instances free; {@code reservationType} {@code default} or {@code capacity-block}; {@code end} may be null.
     */
    public FakeEc2Server capacityReservation(String id, String instanceType, String zone, int available, String reservationType,
                                             Instant end, Map<String, String> tags) {
        reservations.put(id, CapacityReservation.builder().capacityReservationId(id).ownerId("111122223333").instanceType(instanceType)
                .availabilityZone(zone).instanceMatchCriteria("targeted").reservationType(reservationType).state("active")
                .totalInstanceCount(available).availableInstanceCount(available).endDate(end).interruptible(false).tags(tags(tags)).build());
        return this;
    }

    /**
     * The reservation ends ({@code expired} or {@code cancelled}): EC2 releases its instances, which run on
     * as on-demand instances outside any reservation.
     */
    public void endReservation(String id, String state) {
        reservations.computeIfPresent(id, (k, r) -> r.toBuilder().state(state).availableInstanceCount(0).build());
        instances.replaceAll((k, i) -> id.equals(i.capacityReservationId()) ? i.toBuilder().capacityReservationId(null).build() : i);
    }

    public CapacityReservation reservation(String id) {
        return reservations.get(id);
    }

    /** CreateFleet answers InsufficientInstanceCapacity for this offering until {@link #restore}. */
    public void exhaust(String instanceType, String zone, String capacityType) {
        exhausted.add(instanceType + "/" + zone + "/" + capacityType);
    }

    public void restore(String instanceType, String zone, String capacityType) {
        exhausted.remove(instanceType + "/" + zone + "/" + capacityType);
    }

    /** The next {@code times} calls of the action fail with this EC2 error code (RequestLimitExceeded → 503, Unauthorized… → 403). */
    public void failNext(String action, String code, int times) {
        int status = code.equals("RequestLimitExceeded") ? 503 : code.startsWith("Unauthorized") ? 403 : 400;
        Deque<InjectedError> q = injected.computeIfAbsent(action, a -> new ArrayDeque<>());
        synchronized (q) {
            for (int i = 0; i < times; i++) {
                q.add(new InjectedError(code, status));
            }
        }
    }

    /**
     * Faults drawn per EC2 request: a capacity fault makes CreateFleet find its cheapest override out of
     * capacity (and launch the next, as EC2 does), a throttle answers RequestLimitExceeded, a lost answer
     * carries the action out and closes the connection without a response.
     */
    public void faults(FaultPolicy policy) {
        faults = policy;
    }

    /** An instance launched outside the adapter (or leaked by it), tagged as given. */
    public String runInstance(String instanceType, String zone, Map<String, String> tags) {
        String id = "i-" + String.format("%017x", ids.getAndIncrement());
        instances.put(id, Instance.builder().instanceId(id).instanceType(instanceType).imageId("ami-external")
                .placement(Placement.builder().availabilityZone(zone).build()).state(state("running", 16))
                .launchTime(Instant.now()).tags(tags(tags)).build());
        return id;
    }

    /** The instance's {@code instance} or {@code system} status check fails (its reachability detail), since then. */
    public void failStatusCheck(String instanceId, String check, Instant since) {
        failingChecks.computeIfAbsent(instanceId, i -> new ConcurrentHashMap<>()).put(check, since);
    }

    public void passStatusChecks(String instanceId) {
        failingChecks.remove(instanceId);
    }

    /** The IAM endpoint it also serves (the SDK's IAM client is pointed at the same endpoint). */
    public FakeIam iam() {
        return iam;
    }

    /** The SSM endpoint it also serves. */
    public FakeSsm ssm() {
        return ssm;
    }

    // ---- what it saw

    public List<QueryParams> requests(String action) {
        return requests.stream().filter(r -> action.equals(r.action())).toList();
    }

    public List<JsonNode> pricingRequests() {
        return List.copyOf(pricingRequests);
    }

    public List<Instance> instances() {
        return List.copyOf(instances.values());
    }

    public List<Instance> runningInstances() {
        return instances.values().stream().filter(i -> !"terminated".equals(i.state().nameAsString())).toList();
    }

    /** The launch template data sent for a template name, as its CreateLaunchTemplate parameters. */
    public QueryParams launchTemplateData(String name) {
        return launchTemplateData.get(name);
    }

    public Collection<String> launchTemplateNames() {
        return List.copyOf(launchTemplates.keySet());
    }

    // ---- HTTP

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String requestId = "req-" + ids.getAndIncrement();
        int status = 200;
        String answer;
        String contentType = "text/xml";
        try {
            if (target != null && target.startsWith("AmazonSSM.")) {
                contentType = "application/x-amz-json-1.1";
                try {
                    answer = ssm.handle(target.substring(target.indexOf('.') + 1), JSON.readTree(body));
                } catch (FakeSsm.SsmError e) {
                    status = 400;
                    answer = FakeSsm.error(e);
                }
            } else if (target != null && target.startsWith("AWSPriceListService.")) {
                contentType = "application/x-amz-json-1.1";
                answer = pricing(target.substring(target.indexOf('.') + 1), JSON.readTree(body));
            } else {
                QueryParams params = QueryParams.parse(body);
                if (FakeIam.ACTIONS.contains(params.action())) {
                    try {
                        answer = Ec2Xml.iamResponse(params.action(), iam.handle(params), requestId);
                    } catch (FakeIam.IamError e) {
                        status = e.status;
                        answer = Ec2Xml.iamError(e.code, e.getMessage(), requestId);
                    }
                    reply(exchange, status, answer, contentType);
                    return;
                }
                requests.add(params);
                InjectedError error = nextError(params.action());
                FaultPolicy.Fault fault = error == null ? faults.decide(params.action()) : FaultPolicy.Fault.NONE;
                if (error != null) {
                    status = error.status();
                    answer = Ec2Xml.error(error.code(), "injected " + error.code(), requestId);
                } else if (fault == FaultPolicy.Fault.THROTTLE) {
                    status = 503;
                    answer = Ec2Xml.error("RequestLimitExceeded", "Request limit exceeded.", requestId);
                } else {
                    answer = Ec2Xml.response(params.action(), ec2(params, fault == FaultPolicy.Fault.CAPACITY), requestId);
                    if (fault == FaultPolicy.Fault.LOSE_RESPONSE) {
                        exchange.close(); // no headers sent: the server drops the connection
                        return;
                    }
                }
            }
        } catch (Ec2Error e) {
            status = 400;
            answer = Ec2Xml.error(e.code, e.getMessage(), requestId);
        } catch (RuntimeException e) {
            status = 500;
            answer = Ec2Xml.error("InternalError", String.valueOf(e), requestId);
        }
        reply(exchange, status, answer, contentType);
    }

    private static void reply(HttpExchange exchange, int status, String answer, String contentType) throws IOException {
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private InjectedError nextError(String action) {
        Deque<InjectedError> q = injected.get(action);
        if (q == null) {
            return null;
        }
        synchronized (q) {
            return q.poll();
        }
    }

    private static final class Ec2Error extends RuntimeException {
        final String code;

        Ec2Error(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    private SdkPojo ec2(QueryParams p, boolean cheapestOutOfCapacity) {
        return switch (p.action()) {
            case "DescribeInstanceTypes" -> DescribeInstanceTypesResponse.builder().instanceTypes(
                    instanceTypes.stream().filter(t -> p.list("InstanceType").isEmpty() || p.list("InstanceType").contains(t.instanceTypeAsString()))
                            .toList()).build();
            case "DescribeInstanceTypeOfferings" -> offerings();
            case "DescribeSpotPriceHistory" -> spotPriceHistory(p);
            case "DescribeSubnets" -> DescribeSubnetsResponse.builder().subnets(matching(subnets, p, this::subnetAttribute, "SubnetId")).build();
            case "DescribeSecurityGroups" -> DescribeSecurityGroupsResponse.builder()
                    .securityGroups(matching(securityGroups, p, this::groupAttribute, "GroupId")).build();
            case "DescribeCapacityReservations" -> describeCapacityReservations(p);
            case "DescribeImages" -> DescribeImagesResponse.builder().images(matching(images, p, this::imageAttribute, "ImageId").stream()
                    .filter(i -> p.list("Owner").isEmpty() || p.list("Owner").contains(i.ownerId())
                            || p.list("Owner").contains("amazon") && i.ownerId().equals("amazon")).toList()).build();
            case "CreateLaunchTemplate" -> createLaunchTemplate(p);
            case "DescribeLaunchTemplates" -> describeLaunchTemplates(p);
            case "CreateFleet" -> createFleet(p, cheapestOutOfCapacity);
            case "DescribeInstances" -> describeInstances(p);
            case "DescribeInstanceStatus" -> describeInstanceStatus();
            case "TerminateInstances" -> terminate(p);
            default -> throw new Ec2Error("InvalidAction", "The action " + p.action() + " is not valid for this web service.");
        };
    }

    private DescribeInstanceTypeOfferingsResponse offerings() {
        List<InstanceTypeOffering> out = new ArrayList<>();
        zonesByType.forEach((type, zones) -> zones.forEach(zone -> out.add(InstanceTypeOffering.builder().instanceType(type)
                .locationType("availability-zone").location(zone).build())));
        return DescribeInstanceTypeOfferingsResponse.builder().instanceTypeOfferings(out).build();
    }

    private DescribeSpotPriceHistoryResponse spotPriceHistory(QueryParams p) {
        List<SpotPrice> out = new ArrayList<>();
        spotPrices.forEach((key, price) -> {
            String[] typeZone = key.split("/");
            out.add(SpotPrice.builder().instanceType(typeZone[0]).availabilityZone(typeZone[1]).productDescription("Linux/UNIX")
                    .spotPrice(String.format("%.6f", price)).timestamp(Instant.now()).build());
        });
        return DescribeSpotPriceHistoryResponse.builder().spotPriceHistory(out).build();
    }

    private List<String> subnetAttribute(Subnet s, String filter) {
        return switch (filter) {
            case "subnet-id" -> List.of(s.subnetId());
            case "availability-zone" -> List.of(s.availabilityZone());
            default -> tagAttribute(s.tags(), filter);
        };
    }

    private List<String> groupAttribute(SecurityGroup g, String filter) {
        return switch (filter) {
            case "group-id" -> List.of(g.groupId());
            case "group-name" -> List.of(g.groupName());
            default -> tagAttribute(g.tags(), filter);
        };
    }

    private List<String> imageAttribute(Image i, String filter) {
        return switch (filter) {
            case "image-id" -> List.of(i.imageId());
            case "name" -> List.of(i.name());
            case "architecture" -> List.of(i.architectureAsString());
            case "owner-id" -> List.of(i.ownerId());
            case "state" -> List.of(i.stateAsString());
            default -> tagAttribute(i.tags(), filter);
        };
    }

    private DescribeCapacityReservationsResponse describeCapacityReservations(QueryParams p) {
        for (String id : p.list("CapacityReservationId")) {
            if (!reservations.containsKey(id)) {
                throw new Ec2Error("InvalidCapacityReservationId.NotFound", "The capacity reservation ID '" + id + "' does not exist");
            }
        }
        return DescribeCapacityReservationsResponse.builder()
                .capacityReservations(matching(List.copyOf(reservations.values()), p, this::reservationAttribute, "CapacityReservationId")).build();
    }

    private List<String> reservationAttribute(CapacityReservation r, String filter) {
        return switch (filter) {
            case "capacity-reservation-id" -> List.of(r.capacityReservationId());
            case "state" -> List.of(r.stateAsString());
            case "owner-id" -> List.of(r.ownerId());
            case "instance-type" -> List.of(r.instanceType());
            case "availability-zone" -> List.of(r.availabilityZone());
            case "instance-match-criteria" -> List.of(r.instanceMatchCriteriaAsString());
            default -> tagAttribute(r.tags(), filter);
        };
    }

    private List<String> instanceAttribute(Instance i, String filter) {
        return switch (filter) {
            case "instance-id" -> List.of(i.instanceId());
            case "instance-state-name" -> List.of(i.state().nameAsString());
            default -> tagAttribute(i.tags(), filter);
        };
    }

    private static List<String> tagAttribute(List<Tag> tags, String filter) {
        if (filter.equals("tag-key")) {
            return tags.stream().map(Tag::key).toList();
        }
        if (filter.startsWith("tag:")) {
            String key = filter.substring(4);
            return tags.stream().filter(t -> t.key().equals(key)).map(Tag::value).toList();
        }
        throw new Ec2Error("InvalidParameterValue", "The filter '" + filter + "' is invalid");
    }

    private <T> List<T> matching(List<T> items, QueryParams p, java.util.function.BiFunction<T, String, List<String>> attribute, String idList) {
        List<Map.Entry<String, List<String>>> filters = p.filters();
        List<String> ids = p.list(idList);
        return items.stream().filter(item -> {
            if (!ids.isEmpty() && attribute.apply(item, idFilter(idList)).stream().noneMatch(ids::contains)) {
                return false;
            }
            for (Map.Entry<String, List<String>> f : filters) {
                List<String> actual = attribute.apply(item, f.getKey());
                if (actual.stream().noneMatch(a -> f.getValue().stream().anyMatch(want -> glob(want, a)))) {
                    return false;
                }
            }
            return true;
        }).toList();
    }

    private static String idFilter(String idList) {
        return switch (idList) {
            case "SubnetId" -> "subnet-id";
            case "GroupId" -> "group-id";
            case "ImageId" -> "image-id";
            case "InstanceId" -> "instance-id";
            case "CapacityReservationId" -> "capacity-reservation-id";
            default -> throw new IllegalArgumentException(idList);
        };
    }

    private static boolean glob(String pattern, String value) {
        return value.matches(("\\Q" + pattern + "\\E").replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q"));
    }

    private CreateLaunchTemplateResponse createLaunchTemplate(QueryParams p) {
        String name = p.get("LaunchTemplateName");
        if (launchTemplates.containsKey(name)) {
            throw new Ec2Error("InvalidLaunchTemplateName.AlreadyExistsException", "Launch template name already in use.");
        }
        LaunchTemplate lt = LaunchTemplate.builder().launchTemplateId("lt-" + String.format("%017x", ids.getAndIncrement()))
                .launchTemplateName(name).tags(tags(p.tags("launch-template"))).createTime(Instant.now()).build();
        launchTemplates.put(name, lt);
        Map<String, String> data = new LinkedHashMap<>();
        p.all().forEach((k, v) -> {
            if (k.startsWith("LaunchTemplateData.")) {
                data.put(k.substring("LaunchTemplateData.".length()), v);
            }
        });
        launchTemplateData.put(name, new QueryParams(data));
        return CreateLaunchTemplateResponse.builder().launchTemplate(lt).build();
    }

    private DescribeLaunchTemplatesResponse describeLaunchTemplates(QueryParams p) {
        List<String> names = p.list("LaunchTemplateName");
        List<LaunchTemplate> found = new ArrayList<>();
        for (String name : names) {
            LaunchTemplate lt = launchTemplates.get(name);
            if (lt == null) {
                throw new Ec2Error("InvalidLaunchTemplateName.NotFoundException", "At least one of the launch templates specified in the request does not exist.");
            }
            found.add(lt);
        }
        if (names.isEmpty()) {
            found.addAll(matching(List.copyOf(launchTemplates.values()), p, (lt, f) -> tagAttribute(lt.tags(), f), "LaunchTemplateId"));
        }
        return DescribeLaunchTemplatesResponse.builder().launchTemplates(found).build();
    }

    private record FleetOverride(String launchTemplate, String instanceType, String subnet, String zone, double price) {
    }

    private CreateFleetResponse createFleet(QueryParams p, boolean cheapestOutOfCapacity) {
        if (!"instant".equals(p.get("Type"))) {
            throw new Ec2Error("InvalidParameterValue", "only instant fleets are served here");
        }
        String token = p.get("ClientToken");
        String capacityType = p.get("TargetCapacitySpecification.DefaultTargetCapacityType");
        if (token != null && instanceByClientToken.containsKey(token)) {
            Instance i = instances.get(instanceByClientToken.get(token));
            return fleetOf(i, capacityType, List.of());
        }
        List<FleetOverride> overrides = new ArrayList<>();
        for (QueryParams config : p.structs("LaunchTemplateConfigs")) {
            String lt = config.get("LaunchTemplateSpecification.LaunchTemplateName");
            if (!launchTemplates.containsKey(lt)) {
                throw new Ec2Error("InvalidLaunchTemplateName.NotFoundException", "launch template " + lt + " does not exist");
            }
            for (QueryParams o : config.structs("Overrides")) {
                String subnetId = o.get("SubnetId");
                Subnet subnet = subnets.stream().filter(s -> s.subnetId().equals(subnetId)).findFirst()
                        .orElseThrow(() -> new Ec2Error("InvalidSubnetID.NotFound", "The subnet ID '" + subnetId + "' does not exist"));
                String type = o.get("InstanceType");
                double price = "spot".equals(capacityType) ? spotPrices.getOrDefault(type + "/" + subnet.availabilityZone(), 99.0)
                        : onDemandPrices.getOrDefault(type, 99.0);
                overrides.add(new FleetOverride(lt, type, subnetId, subnet.availabilityZone(), price));
            }
        }
        overrides.sort(java.util.Comparator.comparingDouble(FleetOverride::price));
        List<CreateFleetError> errors = new ArrayList<>();
        for (FleetOverride o : overrides) {
            boolean outOfCapacity = cheapestOutOfCapacity && o == overrides.get(0);
            if (outOfCapacity || exhausted.contains(o.instanceType() + "/" + o.zone() + "/" + capacityType)) {
                errors.add(CreateFleetError.builder().errorCode("InsufficientInstanceCapacity")
                        .errorMessage("We currently do not have sufficient " + o.instanceType() + " capacity in the Availability Zone you requested (" + o.zone() + ").")
                        .lifecycle(capacityType).launchTemplateAndOverrides(andOverrides(o)).build());
                continue;
            }
            QueryParams template = launchTemplateData.get(o.launchTemplate());
            String reservationId = template.get("CapacityReservationSpecification.CapacityReservationTarget.CapacityReservationId");
            if (reservationId != null && !takeFromReservation(reservationId, o)) {
                errors.add(CreateFleetError.builder().errorCode("ReservationCapacityExceeded")
                        .errorMessage("Insufficient capacity in capacity reservation " + reservationId + ".")
                        .lifecycle(capacityType).launchTemplateAndOverrides(andOverrides(o)).build());
                continue;
            }
            String id = "i-" + String.format("%017x", ids.getAndIncrement());
            List<GroupIdentifier> groups = template.list("SecurityGroupId").stream().map(g -> GroupIdentifier.builder().groupId(g).build()).toList();
            Instance instance = Instance.builder().instanceId(id).instanceType(o.instanceType()).imageId(template.get("ImageId"))
                    .subnetId(o.subnet()).securityGroups(groups).placement(Placement.builder().availabilityZone(o.zone()).build())
                    .instanceLifecycle("spot".equals(capacityType) || "capacity-block".equals(capacityType) ? capacityType : null)
                    .capacityReservationId(reservationId).state(state("running", 16)).launchTime(Instant.now())
                    .privateDnsName("ip-10-0-0-" + ids.get() + "." + region + ".compute.internal")
                    .tags(tags(p.tags("instance"))).build();
            instances.put(id, instance);
            if (token != null) {
                instanceByClientToken.put(token, id);
            }
            return fleetOf(instance, capacityType, errors);
        }
        return CreateFleetResponse.builder().fleetId("fleet-" + ids.getAndIncrement()).errors(errors).build();
    }

    /** One instance of the reservation, if it is active, of the override's type and zone, and not full. */
    private synchronized boolean takeFromReservation(String id, FleetOverride o) {
        CapacityReservation r = reservations.get(id);
        if (r == null) {
            throw new Ec2Error("InvalidCapacityReservationId.NotFound", "The capacity reservation ID '" + id + "' does not exist");
        }
        if (!r.instanceType().equals(o.instanceType()) || !r.availabilityZone().equals(o.zone())) {
            throw new Ec2Error("InvalidParameterValue", "capacity reservation " + id + " is for " + r.instanceType() + " in " + r.availabilityZone());
        }
        if (!"active".equals(r.stateAsString()) || r.availableInstanceCount() < 1) {
            return false;
        }
        reservations.put(id, r.toBuilder().availableInstanceCount(r.availableInstanceCount() - 1).build());
        return true;
    }

    private CreateFleetResponse fleetOf(Instance i, String capacityType, List<CreateFleetError> errors) {
        String zone = i.placement().availabilityZone();
        FleetOverride o = new FleetOverride(null, i.instanceTypeAsString(), i.subnetId(), zone, 0);
        return CreateFleetResponse.builder().fleetId("fleet-" + ids.getAndIncrement()).errors(errors)
                .instances(CreateFleetInstance.builder().instanceIds(i.instanceId()).instanceType(i.instanceTypeAsString())
                        .lifecycle(capacityType).launchTemplateAndOverrides(andOverrides(o)).build()).build();
    }

    private static LaunchTemplateAndOverridesResponse andOverrides(FleetOverride o) {
        return LaunchTemplateAndOverridesResponse.builder()
                .launchTemplateSpecification(FleetLaunchTemplateSpecification.builder().launchTemplateName(o.launchTemplate()).build())
                .overrides(FleetLaunchTemplateOverrides.builder().instanceType(o.instanceType()).subnetId(o.subnet())
                        .availabilityZone(o.zone()).build()).build();
    }

    private DescribeInstancesResponse describeInstances(QueryParams p) {
        List<String> ids = p.list("InstanceId");
        for (String id : ids) {
            if (!instances.containsKey(id)) {
                throw new Ec2Error("InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
            }
        }
        List<Instance> found = matching(List.copyOf(instances.values()), p, this::instanceAttribute, "InstanceId");
        return DescribeInstancesResponse.builder().reservations(found.isEmpty() ? List.of()
                : List.of(Reservation.builder().reservationId("r-1").instances(found).build())).build();
    }

    /** The running instances' checks, as EC2 reports them without IncludeAllInstances. */
    private DescribeInstanceStatusResponse describeInstanceStatus() {
        List<InstanceStatus> statuses = new ArrayList<>();
        for (Instance i : instances.values()) {
            if (!"running".equals(i.state().nameAsString())) {
                continue;
            }
            Map<String, Instant> failing = failingChecks.getOrDefault(i.instanceId(), Map.of());
            statuses.add(InstanceStatus.builder().instanceId(i.instanceId()).availabilityZone(i.placement().availabilityZone())
                    .instanceState(i.state()).instanceStatus(summary(failing.get("instance"))).systemStatus(summary(failing.get("system")))
                    .build());
        }
        return DescribeInstanceStatusResponse.builder().instanceStatuses(statuses).build();
    }

    private static InstanceStatusSummary summary(Instant failingSince) {
        return InstanceStatusSummary.builder().status(failingSince == null ? "ok" : "impaired")
                .details(InstanceStatusDetails.builder().name("reachability").status(failingSince == null ? "passed" : "failed")
                        .impairedSince(failingSince).build()).build();
    }

    private TerminateInstancesResponse terminate(QueryParams p) {
        List<InstanceStateChange> changes = new ArrayList<>();
        for (String id : p.list("InstanceId")) {
            Instance i = instances.get(id);
            if (i == null) {
                throw new Ec2Error("InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
            }
            instances.put(id, i.toBuilder().state(state("terminated", 48)).build());
            if (i.capacityReservationId() != null) {
                reservations.computeIfPresent(i.capacityReservationId(), (k, r) -> r.toBuilder()
                        .availableInstanceCount(r.availableInstanceCount() + 1).build());
            }
            changes.add(InstanceStateChange.builder().instanceId(id).previousState(i.state()).currentState(state("shutting-down", 32)).build());
        }
        return TerminateInstancesResponse.builder().terminatingInstances(changes).build();
    }

    private static InstanceState state(String name, int code) {
        return InstanceState.builder().name(name).code(code).build();
    }

    private static List<Tag> tags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    // ---- Pricing (JSON 1.1)

    private String pricing(String operation, JsonNode request) throws IOException {
        pricingRequests.add(request);
        if (!operation.equals("GetProducts")) {
            throw new Ec2Error("InvalidAction", operation);
        }
        Map<String, String> filters = new LinkedHashMap<>();
        request.path("Filters").forEach(f -> filters.put(f.path("Field").asText(), f.path("Value").asText()));
        ObjectNode answer = JSON.createObjectNode();
        answer.put("FormatVersion", "aws_v1");
        ArrayNode list = answer.putArray("PriceList");
        onDemandPrices.forEach((type, price) -> {
            if (filters.containsKey("instanceType") && !filters.get("instanceType").equals(type)) {
                return;
            }
            ObjectNode product = JSON.createObjectNode();
            ObjectNode attributes = product.putObject("product").putObject("attributes");
            attributes.put("instanceType", type);
            attributes.put("regionCode", filters.getOrDefault("regionCode", region));
            attributes.put("operatingSystem", "Linux");
            attributes.put("tenancy", "Shared");
            attributes.put("preInstalledSw", "NA");
            attributes.put("capacitystatus", "Used");
            product.putObject("terms").putObject("OnDemand").putObject(type + ".JRTCKXETXF").putObject("priceDimensions")
                    .putObject(type + ".JRTCKXETXF.6YS6EN2CT7").putObject("pricePerUnit").put("USD", String.format("%.10f", price));
            list.add(product.toString());
        });
        return answer.toString();
    }
}
