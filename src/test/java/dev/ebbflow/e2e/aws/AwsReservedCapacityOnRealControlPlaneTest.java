package dev.ebbflow.e2e.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.aws.CapacityReservationSelectorTerm;
import dev.ebbflow.crds.karpenter.aws.EC2NodeClass;
import dev.ebbflow.provisioner.aws.Ec2Labels;
import dev.ebbflow.provisioner.aws.fake.Ec2World;
import dev.ebbflow.provisioner.aws.fake.FakeEc2Server;
import dev.ebbflow.testkit.Eventually;
import dev.ebbflow.testkit.kube.ControlPlane;
import dev.ebbflow.testkit.kube.Crds;
import dev.ebbflow.testkit.kube.RealControlPlane;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * Capacity reservations on the real control plane, against the fake EC2: an EC2NodeClass selecting a
 * reservation of one m5.large lists it in its status; of two pods that each need a node of their own, in
 * a NodePool allowing {@code reserved} and {@code on-demand}, one gets a node in the reservation (its
 * claim labelled reserved with the reservation's id and type) and the other an on-demand node; a class
 * whose term selects nothing says so, naming the field.
 */
@ExtendWith(RealControlPlane.class)
class AwsReservedCapacityOnRealControlPlaneTest {

    private static final String RESERVATION = "cr-0e2e0001";
    private static FakeEc2Server ec2;
    private static KubernetesClient client;
    private static AwsControlPlaneFixture aws;
    private static String namespace;

    @BeforeAll
    static void start(ControlPlane cp) throws Exception {
        ec2 = Ec2World.seed(new FakeEc2Server(Ec2World.REGION));
        ec2.capacityReservation(RESERVATION, "m5.large", "us-west-2a", 1, "default", null, Map.of("team", "e2e"));
        client = cp.newClient();
        Crds.applyRepositoryCrds(client);
        namespace = cp.createNamespace(client, "e2e-aws-reserved");
        aws = new AwsControlPlaneFixture(client, ec2, "e2e-aws-plain", "");
        Eventually.within(Duration.ofSeconds(30), () -> assertThat(client.serviceAccounts().inNamespace(namespace).withName("default").get()).isNotNull());
    }

    @AfterAll
    static void stop() throws Exception {
        AwsControlPlaneFixture.stop(aws, client, namespace, ec2);
    }

    private static void selecting(String name, String reservationId) {
        EC2NodeClass nc = Ec2World.nodeClass(name, "al2023@latest", "KarpenterNodeInstanceProfile-e2e");
        CapacityReservationSelectorTerm term = new CapacityReservationSelectorTerm();
        term.setId(reservationId);
        nc.getSpec().setCapacityReservationSelectorTerms(List.of(term));
        aws.createNodeClass(nc);
    }

    private static Condition condition(EC2NodeClass nc, String type) {
        return nc.getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
    }

    @Test
    void oneOfTwoPodsGetsTheReservedNodeAndTheOtherAnOnDemandOne() {
        selecting("e2e-aws-reserved", RESERVATION);
        AwsControlPlaneFixture.awaitReady(client, "e2e-aws-reserved");
        Eventually.within(Duration.ofSeconds(30), () -> {
            EC2NodeClass nc = client.resources(EC2NodeClass.class).withName("e2e-aws-reserved").get();
            assertThat(condition(nc, "CapacityReservationsReady").getStatus()).isEqualTo("True");
            assertThat(nc.getStatus().getCapacityReservations()).singleElement().satisfies(r -> {
                assertThat(r.getId()).isEqualTo(RESERVATION);
                assertThat(r.getInstanceType()).isEqualTo("m5.large");
                assertThat(r.getAvailabilityZone()).isEqualTo("us-west-2a");
                assertThat(r.getReservationType()).isEqualTo("default");
                assertThat(r.getState()).isEqualTo("active");
            });
        });

        String pool = "e2e-aws-reserved";
        aws.createPool(pool, "e2e-aws-reserved", List.of("reserved", "on-demand"));
        // 1.5 CPU each: no c, m or r .large holds two, so each pod needs a node of its own.
        for (String pod : List.of("batch-1", "batch-2")) {
            client.pods().inNamespace(namespace).resource(new PodBuilder().withNewMetadata().withName(pod).withNamespace(namespace).endMetadata()
                    .withSpec(AwsControlPlaneFixture.podSpec(pool, "1500m")).build()).create();
        }

        AtomicReference<List<NodeClaim>> launched = new AtomicReference<>();
        Eventually.within(Duration.ofSeconds(60), () -> {
            List<NodeClaim> claims = aws.launchedClaims(pool);
            assertThat(claims).hasSize(2);
            launched.set(claims);
        });
        List<Map<String, String>> labels = launched.get().stream().map(c -> c.getMetadata().getLabels()).toList();
        assertThat(labels).filteredOn(l -> "reserved".equals(l.get(KarpenterLabels.CAPACITY_TYPE))).singleElement().satisfies(l -> assertThat(l)
                .containsEntry(KarpenterLabels.INSTANCE_TYPE, "m5.large").containsEntry(KarpenterLabels.ZONE, "us-west-2a")
                .containsEntry(Ec2Labels.CAPACITY_RESERVATION_ID, RESERVATION).containsEntry(Ec2Labels.CAPACITY_RESERVATION_TYPE, "default"));
        assertThat(labels).filteredOn(l -> "on-demand".equals(l.get(KarpenterLabels.CAPACITY_TYPE))).singleElement()
                .satisfies(l -> assertThat(l).doesNotContainKeys(Ec2Labels.CAPACITY_RESERVATION_ID, Ec2Labels.CAPACITY_RESERVATION_TYPE));
        NodeClaim reserved = launched.get().stream().filter(c -> "reserved".equals(c.getMetadata().getLabels().get(KarpenterLabels.CAPACITY_TYPE)))
                .findFirst().orElseThrow();
        Instance instance = ec2.runningInstances().stream().filter(i -> i.instanceId().equals(AwsControlPlaneFixture.instanceId(reserved)))
                .findFirst().orElseThrow();
        assertThat(instance.capacityReservationId()).isEqualTo(RESERVATION);
        assertThat(ec2.reservation(RESERVATION).availableInstanceCount()).isZero();

        for (String pod : List.of("batch-1", "batch-2")) {
            client.pods().inNamespace(namespace).withName(pod).withGracePeriod(0).delete();
        }
        aws.deletePool(pool);
    }

    @Test
    void aTermThatSelectsNothingIsReportedNamingTheField() {
        selecting("e2e-aws-no-reservation", "cr-0404");
        Eventually.within(Duration.ofSeconds(30), () -> {
            EC2NodeClass nc = client.resources(EC2NodeClass.class).withName("e2e-aws-no-reservation").get();
            assertThat(nc.getStatus()).isNotNull();
            Condition reservations = condition(nc, "CapacityReservationsReady");
            assertThat(reservations.getStatus()).isEqualTo("True");
            assertThat(reservations.getMessage()).contains("spec.capacityReservationSelectorTerms[0]");
            assertThat(nc.getStatus().getCapacityReservations()).isNull();
            assertThat(client.v1().events().inAnyNamespace().withField("involvedObject.name", "e2e-aws-no-reservation").list().getItems())
                    .anySatisfy(e -> {
                        assertThat(e.getReason()).isEqualTo("CapacityReservationsNotFound");
                        assertThat(e.getType()).isEqualTo("Warning");
                        assertThat(e.getMessage()).contains("spec.capacityReservationSelectorTerms[0]");
                    });
        });
    }
}
