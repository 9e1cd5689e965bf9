package dev.ebbflow.provisioner.aws;

import static dev.ebbflow.provisioner.aws.AwsTestFixtures.claim;
import static dev.ebbflow.provisioner.aws.AwsTestFixtures.nodeClass;
import static dev.ebbflow.provisioner.aws.AwsTestFixtures.pool;
import static dev.ebbflow.provisioner.aws.AwsTestFixtures.req;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.aws.CapacityReservationSelectorTerm;
import dev.ebbflow.crds.karpenter.aws.CapacityReservationStatus;
import dev.ebbflow.crds.karpenter.aws.EC2NodeClass;
import dev.ebbflow.provisioner.aws.fake.Ec2World;
import dev.ebbflow.provisioner.aws.fake.FakeEc2Server;
import dev.ebbflow.provisioner.aws.fake.QueryParams;
import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Offering;
import dev.ebbflow.provisioner.cloud.UnavailableOfferings;
import dev.ebbflow.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Capacity reservations in the AWS adapter, against the fake EC2: what the terms select and the status
 * they write, the reserved offerings, launches into a reservation (and a full one), and the ends of
 * reservations.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class CapacityReservationsTest {

    static KubernetesClient client;

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final ManualClock clock = new ManualClock(NOW);
    private final UnavailableOfferings unavailable = new UnavailableOfferings(clock);
    private final List<String> events = new ArrayList<>();
    private FakeEc2Server ec2;
    private AwsCloudProvider aws;
    private Ec2NodeClassStatusController status;

    @BeforeEach
    void setUp() throws Exception {
        client.resources(EC2NodeClass.class).delete();
        client.resources(NodeClaim.class).delete();
        client.nodes().delete();
        ec2 = Ec2World.seed(new FakeEc2Server(Ec2World.REGION));
        ec2.capacityReservation("cr-0aaa", "m5.large", "us-west-2a", 1, "default", null, Map.of("team", "ml"));
        ec2.capacityReservation("cr-0bbb", "c5.large", "us-west-2b", 2, "default", NOW.plus(Duration.ofDays(3)), Map.of("team", "web"));
        ec2.capacityReservation("cr-0ccc", "m5.large", "us-west-2c", 3, "capacity-block", NOW.plus(Duration.ofHours(2)), Map.of("team", "ml"));
        ec2.capacityReservation("cr-0ddd", "r5.large", "us-west-2a", 5, "default", null, Map.of("team", "ml"));
        ec2.endReservation("cr-0ddd", "cancelled");
        aws = new AwsCloudProvider(client, clock, AwsTestFixtures.settings(ec2), unavailable, () -> "1.28");
        status = AwsTestFixtures.statusController(client, aws, clock, events);
    }

    @AfterEach
    void tearDown() {
        aws.close();
        ec2.close();
    }

    private static CapacityReservationSelectorTerm id(String id) {
        CapacityReservationSelectorTerm t = new CapacityReservationSelectorTerm();
        t.setId(id);
        return t;
    }

    private static CapacityReservationSelectorTerm tags(Map<String, String> tags, String owner) {
        CapacityReservationSelectorTerm t = new CapacityReservationSelectorTerm();
        t.setTags(tags);
        t.setOwnerID(owner);
        return t;
    }

    private EC2NodeClass createClass(String name, CapacityReservationSelectorTerm... terms) {
        EC2NodeClass nc = nodeClass(name, "al2023@latest");
        nc.getSpec().setCapacityReservationSelectorTerms(terms.length == 0 ? null : List.of(terms));
        return client.resources(EC2NodeClass.class).resource(nc).create();
    }

    private EC2NodeClass stored(String name) {
        return client.resources(EC2NodeClass.class).withName(name).get();
    }

    private static Condition condition(EC2NodeClass nc, String type) {
        return nc.getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
    }

    private List<Offering> reserved(String pool, String type) throws Exception {
        InstanceType t = aws.instanceTypes(pool(pool)).stream().filter(i -> i.name().equals(type)).findFirst().orElseThrow();
        return t.offerings().stream().filter(o -> Offering.RESERVED.equals(o.capacityType())).toList();
    }

    /** A claim the scheduling core pinned to reserved capacity: the capacity type and the reservation's labels. */
    private static NodeClaim pinned(String name, String reservation, String type) {
        return claim(name, "default", req(KarpenterLabels.CAPACITY_TYPE, "In", "reserved"), req(KarpenterLabels.INSTANCE_TYPE, "In", type),
                req(Ec2Labels.CAPACITY_RESERVATION_ID, "In", reservation));
    }

    // ---- selection and status

    @Test
    void termsAreOredAndOnlyActiveUnendedReservationsAreSelectedWithEveryStatusField() {
        createClass("default", id("cr-0bbb"), tags(Map.of("team", "ml"), "111122223333"));
        status.reconcileAll();

        EC2NodeClass nc = stored("default");
        // cr-0ddd carries the tag too, but was cancelled; the state filter leaves it out.
        assertThat(nc.getStatus().getCapacityReservations()).extracting(CapacityReservationStatus::getId)
                .containsExactly("cr-0aaa", "cr-0bbb", "cr-0ccc");
        CapacityReservationStatus block = nc.getStatus().getCapacityReservations().get(2);
        assertThat(block.getInstanceType()).isEqualTo("m5.large");
        assertThat(block.getAvailabilityZone()).isEqualTo("us-west-2c");
        assertThat(block.getOwnerID()).isEqualTo("111122223333");
        assertThat(block.getInstanceMatchCriteria()).isEqualTo("targeted");
        assertThat(block.getEndTime()).isEqualTo("2026-01-01T02:00:00Z");
        assertThat(block.getReservationType()).isEqualTo("capacity-block");
        assertThat(block.getState()).isEqualTo("active");
        assertThat(block.getInterruptible()).isFalse();
        assertThat(nc.getStatus().getCapacityReservations().get(0).getEndTime()).isNull();
        assertThat(condition(nc, "CapacityReservationsReady").getStatus()).isEqualTo("True");
        assertThat(condition(nc, "Ready").getStatus()).isEqualTo("True");
        assertThat(events).isEmpty();

        List<QueryParams> sent = ec2.requests("DescribeCapacityReservations");
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).list("CapacityReservationId")).containsExactly("cr-0bbb");
        assertThat(sent.get(0).filters()).containsExactly(Map.entry("state", List.of("active")));
        assertThat(sent.get(1).list("CapacityReservationId")).isEmpty();
        assertThat(sent.get(1).filters()).containsExactly(Map.entry("state", List.of("active")),
                Map.entry("owner-id", List.of("111122223333")), Map.entry("tag:team", List.of("ml")));
    }

    @Test
    void aCapacityBlockInsideItsReclaimWindowIsExpiringAndOfferedUnavailable() throws Exception {
        createClass("default", id("cr-0ccc"));
        clock.advance(Duration.ofMinutes(79));
        status.reconcileAll();
        assertThat(stored("default").getStatus().getCapacityReservations().get(0).getState()).isEqualTo("active");
        assertThat(reserved("default", "m5.large")).singleElement().satisfies(o -> assertThat(o.available()).isTrue());

        clock.advance(Duration.ofMinutes(1));
        status.reconcileAll();
        assertThat(stored("default").getStatus().getCapacityReservations().get(0).getState()).isEqualTo("expiring");
        assertThat(reserved("default", "m5.large")).singleElement().satisfies(o -> assertThat(o.available()).isFalse());
    }

    @Test
    void aClassWithoutTermsMakesNoCallAndIsReady() throws Exception {
        createClass("default");
        status.reconcileAll();
        EC2NodeClass nc = stored("default");
        assertThat(condition(nc, "CapacityReservationsReady").getStatus()).isEqualTo("True");
        assertThat(nc.getStatus().getCapacityReservations()).isNull();
        assertThat(ec2.requests("DescribeCapacityReservations")).isEmpty();
        assertThat(reserved("default", "m5.large")).isEmpty();
    }

    @Test
    void aRefusedDescribeIsAFalseConditionAndAnEventNamingTheFieldNotACrash() {
        createClass("default", id("cr-0aaa"));
        ec2.failNext("DescribeCapacityReservations", "UnauthorizedOperation", 1);
        status.reconcileAll();

        EC2NodeClass nc = stored("default");
        Condition reservations = condition(nc, "CapacityReservationsReady");
        assertThat(reservations.getStatus()).isEqualTo("False");
        assertThat(reservations.getReason()).isEqualTo("Unauthorized");
        assertThat(reservations.getMessage()).startsWith("spec.capacityReservationSelectorTerms: ")
                .contains("DescribeCapacityReservations", "UnauthorizedOperation");
        assertThat(condition(nc, "Ready").getStatus()).isEqualTo("False");
        assertThat(condition(nc, "Ready").getReason()).isEqualTo("Unauthorized");
        assertThat(condition(nc, "SubnetsReady").getStatus()).isEqualTo("True");
        assertThat(events).singleElement().asString().startsWith("default Warning Unauthorized: spec.capacityReservationSelectorTerms");

        // Granted again: the next pass recovers.
        status.reconcileAll();
        assertThat(condition(stored("default"), "Ready").getStatus()).isEqualTo("True");
    }

    @Test
    void anIdThatMatchesNothingLeavesTheClassReadyWithAnEventNamingTheTerm() {
        createClass("default", id("cr-0aaa"), id("cr-0404"));
        status.reconcileAll();

        EC2NodeClass nc = stored("default");
        assertThat(nc.getStatus().getCapacityReservations()).extracting(CapacityReservationStatus::getId).containsExactly("cr-0aaa");
        assertThat(condition(nc, "CapacityReservationsReady").getStatus()).isEqualTo("True");
        assertThat(condition(nc, "CapacityReservationsReady").getMessage())
                .isEqualTo("spec.capacityReservationSelectorTerms[1]: no active capacity reservation matches");
        assertThat(condition(nc, "Ready").getStatus()).isEqualTo("True");
        assertThat(events).containsExactly("default Warning CapacityReservationsNotFound: "
                + "spec.capacityReservationSelectorTerms[1]: no active capacity reservation matches");
    }

    // ---- offerings

    @Test
    void aSelectedReservationIsAReservedOfferingOfItsTypeOnlyForItsClass() throws Exception {
        createClass("default", id("cr-0aaa"), id("cr-0ccc"));
        createClass("other");

        assertThat(reserved("default", "m5.large")).containsExactlyInAnyOrder(
                new Offering("us-west-2a", Offering.RESERVED, 0.096 / 10_000_000, true, new dev.ebbflow.provisioner.catalog.Reservation("cr-0aaa", 1,
                        Map.of(Ec2Labels.CAPACITY_RESERVATION_ID, "cr-0aaa", Ec2Labels.CAPACITY_RESERVATION_TYPE, "default",
                                Ec2Labels.CAPACITY_RESERVATION_INTERRUPTIBLE, "false"))),
                new Offering("us-west-2c", Offering.RESERVED, 0.096 / 10_000_000, true, new dev.ebbflow.provisioner.catalog.Reservation("cr-0ccc", 3,
                        Map.of(Ec2Labels.CAPACITY_RESERVATION_ID, "cr-0ccc", Ec2Labels.CAPACITY_RESERVATION_TYPE, "capacity-block",
                                Ec2Labels.CAPACITY_RESERVATION_INTERRUPTIBLE, "false"))));
        // Cheaper than any spot or on-demand offering of any type.
        double cheapestOther = aws.instanceTypes(pool("default")).stream().flatMap(t -> t.offerings().stream())
                .filter(o -> !Offering.RESERVED.equals(o.capacityType())).mapToDouble(Offering::pricePerHour).min().orElseThrow();
        assertThat(reserved("default", "m5.large").get(0).pricePerHour()).isLessThan(cheapestOther);
        assertThat(reserved("default", "c5.large")).isEmpty();
        assertThat(reserved("other", "m5.large")).isEmpty();
    }

    // ---- launch

    @Test
    void aPinnedClaimLaunchesIntoItsReservationAndIsCountedAgainstItUntilTheNextRead() throws Exception {
        createClass("default", id("cr-0aaa"));
        NodeClaim launched = aws.create(pinned("default-r1", "cr-0aaa", "m5.large"));

        assertThat(launched.getMetadata().getLabels()).containsEntry(KarpenterLabels.CAPACITY_TYPE, "reserved")
                .containsEntry(KarpenterLabels.ZONE, "us-west-2a").containsEntry(Ec2Labels.CAPACITY_RESERVATION_ID, "cr-0aaa")
                .containsEntry(Ec2Labels.CAPACITY_RESERVATION_TYPE, "default").containsEntry(Ec2Labels.CAPACITY_RESERVATION_INTERRUPTIBLE, "false");
        QueryParams fleet = ec2.requests("CreateFleet").get(0);
        assertThat(fleet.get("TargetCapacitySpecification.DefaultTargetCapacityType")).isEqualTo("on-demand");
        assertThat(fleet.get("OnDemandOptions.AllocationStrategy")).isEqualTo("lowest-price");
        assertThat(fleet.get("OnDemandOptions.CapacityReservationOptions.UsageStrategy")).isNull();
        List<QueryParams> overrides = fleet.structs("LaunchTemplateConfigs").get(0).structs("Overrides");
        assertThat(overrides).singleElement().satisfies(o -> {
            assertThat(o.get("InstanceType")).isEqualTo("m5.large");
            assertThat(o.get("SubnetId")).isEqualTo("subnet-a0001");
        });
        QueryParams template = ec2.launchTemplateData(fleet.structs("LaunchTemplateConfigs").get(0).get("LaunchTemplateSpecification.LaunchTemplateName"));
        assertThat(template.get("CapacityReservationSpecification.CapacityReservationPreference")).isEqualTo("capacity-reservations-only");
        assertThat(template.get("CapacityReservationSpecification.CapacityReservationTarget.CapacityReservationId")).isEqualTo("cr-0aaa");
        assertThat(template.get("InstanceMarketOptions.MarketType")).isNull();
        assertThat(ec2.runningInstances()).singleElement().satisfies(i -> assertThat(i.capacityReservationId()).isEqualTo("cr-0aaa"));

        // The reservation's one instance is used: the next scheduling pass is not offered it.
        assertThat(reserved("default", "m5.large")).singleElement().satisfies(o -> {
            assertThat(o.available()).isFalse();
            assertThat(o.reservation().capacity()).isZero();
        });

        // A repeated create (an answer lost) finds the instance and describes it as reserved again.
        NodeClaim again = aws.create(pinned("default-r1", "cr-0aaa", "m5.large"));
        assertThat(again.getMetadata().getLabels()).containsEntry(KarpenterLabels.CAPACITY_TYPE, "reserved")
                .containsEntry(Ec2Labels.CAPACITY_RESERVATION_ID, "cr-0aaa");
        assertThat(ec2.requests("CreateFleet")).hasSize(1);
        assertThat(aws.list()).singleElement().satisfies(c -> assertThat(c.getMetadata().getLabels())
                .containsEntry(KarpenterLabels.CAPACITY_TYPE, "reserved").containsEntry(Ec2Labels.CAPACITY_RESERVATION_ID, "cr-0aaa")
                .containsEntry(Ec2Labels.CAPACITY_RESERVATION_TYPE, "default"));
    }

    @Test
    void terminatingAReservedInstanceFreesItsPlaceBeforeTheNextRead() throws Exception {
        createClass("default", id("cr-0aaa"));
        NodeClaim launched = aws.create(pinned("default-r7", "cr-0aaa", "m5.large"));
        assertThat(reserved("default", "m5.large")).singleElement().satisfies(o -> assertThat(o.available()).isFalse());

        aws.delete(launched);
        assertThat(reserved("default", "m5.large")).singleElement().satisfies(o -> {
            assertThat(o.available()).isTrue();
            assertThat(o.reservation().capacity()).isEqualTo(1);
        });
        // EC2's next answer agrees: the terminated instance's place is free.
        aws.resolveNow(stored("default"));
        assertThat(reserved("default", "m5.large")).singleElement().satisfies(o -> assertThat(o.reservation().capacity()).isEqualTo(1));
        assertThat(ec2.reservation("cr-0aaa").availableInstanceCount()).isEqualTo(1);
    }

    @Test
    void aCapacityBlockLaunchesInItsMarketWithoutOnDemandOptions() throws Exception {
        createClass("default", id("cr-0ccc"));
        NodeClaim launched = aws.create(pinned("default-b1", "cr-0ccc", "m5.large"));

        assertThat(launched.getMetadata().getLabels()).containsEntry(KarpenterLabels.CAPACITY_TYPE, "reserved")
                .containsEntry(Ec2Labels.CAPACITY_RESERVATION_TYPE, "capacity-block");
        QueryParams fleet = ec2.requests("CreateFleet").get(0);
        assertThat(fleet.get("TargetCapacitySpecification.DefaultTargetCapacityType")).isEqualTo("capacity-block");
        assertThat(fleet.get("OnDemandOptions.AllocationStrategy")).isNull();
        QueryParams template = ec2.launchTemplateData(fleet.structs("LaunchTemplateConfigs").get(0).get("LaunchTemplateSpecification.LaunchTemplateName"));
        assertThat(template.get("InstanceMarketOptions.MarketType")).isEqualTo("capacity-block");
        assertThat(template.get("CapacityReservationSpecification.CapacityReservationTarget.CapacityReservationId")).isEqualTo("cr-0ccc");
        assertThat(ec2.runningInstances()).singleElement().satisfies(i -> assertThat(i.instanceLifecycleAsString()).isEqualTo("capacity-block"));
    }

    @Test
    void atEqualPriceACapacityBlockIsTriedBeforeAnOrdinaryReservationAndNeverInTheSameFleet() throws Exception {
        createClass("default", id("cr-0aaa"), id("cr-0ccc"));
        aws.create(claim("default-r9", "default", req(KarpenterLabels.CAPACITY_TYPE, "In", "reserved"),
                req(KarpenterLabels.INSTANCE_TYPE, "In", "m5.large")));

        QueryParams fleet = ec2.requests("CreateFleet").get(0);
        assertThat(fleet.get("TargetCapacitySpecification.DefaultTargetCapacityType")).isEqualTo("capacity-block");
        assertThat(fleet.structs("LaunchTemplateConfigs")).singleElement().satisfies(c -> assertThat(c.structs("Overrides")).singleElement()
                .satisfies(o -> assertThat(o.get("SubnetId")).isEqualTo("subnet-c0001")));
        assertThat(ec2.runningInstances()).singleElement().satisfies(i -> assertThat(i.capacityReservationId()).isEqualTo("cr-0ccc"));
    }

    @Test
    void aFullReservationIsSkippedAloneAndTheNextCandidateIsTriedInTheSameLaunch() throws Exception {
        ec2.capacityReservation("cr-0eee", "m5.large", "us-west-2a", 3, "default", null, Map.of("team", "ml2"));
        createClass("default", id("cr-0aaa"), id("cr-0eee"));
        aws.instanceTypes(pool("default"));
        // Another cluster took cr-0eee's instances since it was read: EC2 refuses the launch into it.
        ec2.capacityReservation("cr-0eee", "m5.large", "us-west-2a", 0, "default", null, Map.of("team", "ml2"));

        NodeClaim launched = aws.create(claim("default-r2", "default", req(KarpenterLabels.CAPACITY_TYPE, "In", "reserved", "on-demand"),
                req(KarpenterLabels.INSTANCE_TYPE, "In", "m5.large")));

        List<QueryParams> fleets = ec2.requests("CreateFleet");
        assertThat(fleets).hasSize(2);
        assertThat(ec2.launchTemplateData(fleets.get(0).structs("LaunchTemplateConfigs").get(0).get("LaunchTemplateSpecification.LaunchTemplateName"))
                .get("CapacityReservationSpecification.CapacityReservationTarget.CapacityReservationId")).isEqualTo("cr-0eee");
        assertThat(launched.getMetadata().getLabels()).containsEntry(KarpenterLabels.CAPACITY_TYPE, "reserved")
                .containsEntry(Ec2Labels.CAPACITY_RESERVATION_ID, "cr-0aaa");
        assertThat(unavailable.isUnavailable("m5.large", "us-west-2a", Offering.RESERVED)).isFalse();
        assertThat(reserved("default", "m5.large")).filteredOn(o -> o.reservation().id().equals("cr-0eee"))
                .singleElement().satisfies(o -> assertThat(o.available()).isFalse());
    }

    @Test
    void whenEveryReservationIsFullTheLaunchFallsBackToOnDemand() throws Exception {
        createClass("default", id("cr-0aaa"));
        aws.instanceTypes(pool("default"));
        ec2.capacityReservation("cr-0aaa", "m5.large", "us-west-2a", 0, "default", null, Map.of("team", "ml"));

        NodeClaim launched = aws.create(claim("default-r3", "default", req(KarpenterLabels.CAPACITY_TYPE, "In", "reserved", "on-demand"),
                req(KarpenterLabels.INSTANCE_TYPE, "In", "m5.large")));

        assertThat(launched.getMetadata().getLabels()).containsEntry(KarpenterLabels.CAPACITY_TYPE, "on-demand")
                .doesNotContainKey(Ec2Labels.CAPACITY_RESERVATION_ID);
        List<QueryParams> fleets = ec2.requests("CreateFleet");
        assertThat(fleets).hasSize(2);
        // The class selects reservations: its on-demand launch keeps out of open ones it did not select.
        QueryParams onDemand = ec2.launchTemplateData(fleets.get(1).structs("LaunchTemplateConfigs").get(0).get("LaunchTemplateSpecification.LaunchTemplateName"));
        assertThat(onDemand.get("CapacityReservationSpecification.CapacityReservationPreference")).isEqualTo("none");
        assertThat(onDemand.get("CapacityReservationSpecification.CapacityReservationTarget.CapacityReservationId")).isNull();
    }

    @Test
    void aWholeRequestRefusedForFullReservationsFallsBackToo() throws Exception {
        createClass("default", id("cr-0aaa"));
        ec2.failNext("CreateFleet", "ReservationCapacityExceeded", 1);

        NodeClaim launched = aws.create(claim("default-r6", "default", req(KarpenterLabels.CAPACITY_TYPE, "In", "reserved", "on-demand"),
                req(KarpenterLabels.INSTANCE_TYPE, "In", "m5.large")));

        assertThat(launched.getMetadata().getLabels()).containsEntry(KarpenterLabels.CAPACITY_TYPE, "on-demand");
        assertThat(ec2.requests("CreateFleet")).hasSize(2);
        assertThat(reserved("default", "m5.large")).singleElement().satisfies(o -> assertThat(o.available()).isFalse());
    }

    @Test
    void aClassWithoutTermsLaunchesWithoutAnyReservationSetting() throws Exception {
        createClass("default");
        aws.create(claim("default-od", "default", req(KarpenterLabels.CAPACITY_TYPE, "In", "on-demand")));
        QueryParams fleet = ec2.requests("CreateFleet").get(0);
        QueryParams template = ec2.launchTemplateData(fleet.structs("LaunchTemplateConfigs").get(0).get("LaunchTemplateSpecification.LaunchTemplateName"));
        assertThat(template.all().keySet()).noneMatch(k -> k.startsWith("CapacityReservationSpecification") || k.startsWith("InstanceMarketOptions"));
    }

    @Test
    void aNodeInAReservationTheTermsNoLongerSelectHasDrifted() throws Exception {
        createClass("default", id("cr-0aaa"), id("cr-0ccc"));
        NodeClaim launched = aws.create(pinned("default-r8", "cr-0aaa", "m5.large"));
        assertThat(aws.isDrifted(launched)).isEmpty();

        EC2NodeClass nc = stored("default");
        nc.getSpec().setCapacityReservationSelectorTerms(List.of(id("cr-0ccc")));
        nc.getMetadata().setGeneration(2L);
        client.resources(EC2NodeClass.class).resource(nc).update();
        assertThat(aws.isDrifted(launched)).contains("CapacityReservationDrift");

        // A refused read says nothing about what is selected: no drift on it.
        ec2.failNext("DescribeCapacityReservations", "UnauthorizedOperation", 1);
        aws.resolveNow(stored("default"));
        assertThat(aws.isDrifted(launched)).isEmpty();
    }

    // ---- reservation ends

    private NodeClaim storeLaunched(NodeClaim launched, String node) {
        launched.getStatus().setNodeName(node);
        NodeClaim stored = client.resources(NodeClaim.class).resource(launched).create();
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(node).withLabels(new java.util.HashMap<>(launched.getMetadata().getLabels()))
                .endMetadata().build()).create();
        return stored;
    }

    @Test
    void aNodeWhoseReservationEndedIsRelabelledOnDemand() throws Exception {
        createClass("default", id("cr-0aaa"));
        storeLaunched(aws.create(pinned("default-r4", "cr-0aaa", "m5.large")), "node-r4");
        ReservationEnds ends = new ReservationEnds(client, aws, clock, (o, type, reason, message) -> events.add(reason + ": " + message));

        ends.reconcile();
        assertThat(client.resources(NodeClaim.class).withName("default-r4").get().getMetadata().getLabels())
                .containsEntry(KarpenterLabels.CAPACITY_TYPE, "reserved");

        ec2.endReservation("cr-0aaa", "expired");
        ends.reconcile();
        for (var labels : List.of(client.resources(NodeClaim.class).withName("default-r4").get().getMetadata().getLabels(),
                client.nodes().withName("node-r4").get().getMetadata().getLabels())) {
            assertThat(labels).containsEntry(KarpenterLabels.CAPACITY_TYPE, "on-demand").containsEntry(KarpenterLabels.NODE_POOL, "default")
                    .doesNotContainKeys(Ec2Labels.CAPACITY_RESERVATION_ID, Ec2Labels.CAPACITY_RESERVATION_TYPE, Ec2Labels.CAPACITY_RESERVATION_INTERRUPTIBLE);
        }
        assertThat(events).anySatisfy(e -> assertThat(e).startsWith("CapacityReservationEnded").contains("cr-0aaa"));
        assertThat(client.resources(NodeClaim.class).withName("default-r4").get().getMetadata().getDeletionTimestamp()).isNull();
    }

    @Test
    void aCapacityBlocksNodesAreDrainedFortyMinutesBeforeItsEnd() throws Exception {
        createClass("default", id("cr-0ccc"));
        storeLaunched(aws.create(pinned("default-b2", "cr-0ccc", "m5.large")), "node-b2");
        ReservationEnds ends = new ReservationEnds(client, aws, clock, (o, type, reason, message) -> events.add(reason + ": " + message));

        clock.advance(Duration.ofMinutes(79));
        ends.reconcile();
        assertThat(client.resources(NodeClaim.class).withName("default-b2").get()).isNotNull();

        clock.advance(Duration.ofMinutes(1));
        ends.reconcile();
        assertThat(client.resources(NodeClaim.class).withName("default-b2").get()).isNull();
        assertThat(events).anySatisfy(e -> assertThat(e).startsWith("CapacityBlockExpiring").contains("cr-0ccc"));
        List<QueryParams> byId = ec2.requests("DescribeCapacityReservations").stream()
                .filter(r -> r.list("CapacityReservationId").equals(List.of("cr-0ccc"))).toList();
        assertThat(byId).isNotEmpty();
    }

    @Test
    void aRefusedCallLeavesReservedNodesAsTheyAre() throws Exception {
        createClass("default", id("cr-0aaa"));
        storeLaunched(aws.create(pinned("default-r5", "cr-0aaa", "m5.large")), "node-r5");
        ec2.endReservation("cr-0aaa", "cancelled");
        ec2.failNext("DescribeInstances", "UnauthorizedOperation", 1);
        new ReservationEnds(client, aws, clock, (o, type, reason, message) -> events.add(reason)).reconcile();
        assertThat(client.resources(NodeClaim.class).withName("default-r5").get().getMetadata().getLabels())
                .containsEntry(KarpenterLabels.CAPACITY_TYPE, "reserved");
    }
}
