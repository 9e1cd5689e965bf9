package dev.ebbflow.operator.provisioning.interruption;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeClaimStatus;
import dev.ebbflow.operator.observability.InterruptionMetrics;
import dev.ebbflow.operator.provisioning.kube.KarpenterEvents;
import dev.ebbflow.provisioner.aws.AwsSettings;
import dev.ebbflow.provisioner.aws.InterruptionKind;
import dev.ebbflow.provisioner.aws.InterruptionMessage;
import dev.ebbflow.provisioner.aws.InterruptionQueue;
import dev.ebbflow.provisioner.cloud.CloudProviderException;
import dev.ebbflow.provisioner.cloud.UnavailableOfferings;
import dev.ebbflow.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** What each event does to the NodeClaims of its instances (the queue itself is tested against ElasticMQ in the provisioner). */
@EnableKubernetesMockClient(crud = true, https = false)
class InterruptionControllerTest {

    static KubernetesClient client;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final UnavailableOfferings unavailable = new UnavailableOfferings(clock);
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private InterruptionController controller;

    @BeforeEach
    void setUp() {
        client.resources(NodeClaim.class).delete();
        client.v1().events().inAnyNamespace().delete();
        AwsSettings aws = AwsSettings.of("us-west-2", "test").withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")));
        controller = new InterruptionController(client, InterruptionQueue.withWait(aws, "never-polled", Duration.ofSeconds(1)), unavailable,
                new KarpenterEvents(client, clock, "test"), new InterruptionMetrics(registry), clock);
        claim("spot-a", "i-0aaa", "spot");
        claim("od-b", "i-0bbb", "on-demand");
        claim("reserved-c", "i-0ccc", "reserved");
    }

    @AfterEach
    void tearDown() {
        controller.close();
    }

    private void claim(String name, String instanceId, String capacityType) {
        NodeClaim claim = new NodeClaim();
        claim.getMetadata().setName(name);
        claim.getMetadata().setLabels(Map.of(KarpenterLabels.NODE_POOL, "default", KarpenterLabels.INSTANCE_TYPE, "c5.large",
                KarpenterLabels.ZONE, "us-west-2a", KarpenterLabels.CAPACITY_TYPE, capacityType));
        NodeClaimStatus status = new NodeClaimStatus();
        status.setProviderID("aws:///us-west-2a/" + instanceId);
        claim.setStatus(status);
        client.resources(NodeClaim.class).resource(claim).create();
    }

    private static InterruptionMessage event(String detailType, String instanceId, String extra) {
        return InterruptionMessage.parse("{\"id\":\"e1\",\"source\":\"aws.ec2\",\"detail-type\":\"" + detailType + "\",\"detail\":{\"instance-id\":\""
                + instanceId + "\"" + extra + "}}");
    }

    private List<String> claims() {
        return client.resources(NodeClaim.class).list().getItems().stream().map(c -> c.getMetadata().getName()).sorted().toList();
    }

    private List<String> reasons() {
        return client.v1().events().inAnyNamespace().list().getItems().stream().map(Event::getReason).toList();
    }

    @Test
    void aSpotInterruptionDeletesTheClaimAndMarksItsOfferingUnavailable() {
        controller.handle(event("EC2 Spot Instance Interruption Warning", "i-0aaa", ""));
        assertThat(claims()).containsExactly("od-b", "reserved-c");
        assertThat(unavailable.isUnavailable("c5.large", "us-west-2a", "spot")).isTrue();
        assertThat(unavailable.isUnavailable("c5.large", "us-west-2a", "on-demand")).isFalse();
        assertThat(reasons()).containsExactly("SpotInterrupted");
        assertThat(registry.scrape()).contains("karpenter_nodeclaims_disrupted_total{nodepool=\"default\",reason=\"spot_interrupted\"} 1.0");
    }

    @Test
    void aCapacityReservationInterruptionDeletesTheClaimAndMarksItsReservedOfferingUnavailable() {
        controller.handle(event("EC2 Capacity Reservation Instance Interruption Warning", "i-0ccc", ",\"instance-action\":\"terminate\""));
        assertThat(claims()).containsExactly("od-b", "spot-a");
        assertThat(unavailable.isUnavailable("c5.large", "us-west-2a", "reserved")).isTrue();
        assertThat(unavailable.isUnavailable("c5.large", "us-west-2a", "on-demand")).isFalse();
        assertThat(reasons()).containsExactly("CapacityReservationInstanceInterrupted");
        assertThat(registry.scrape())
                .contains("karpenter_nodeclaims_disrupted_total{nodepool=\"default\",reason=\"capacity_reservation_interrupted\"} 1.0");
    }

    @Test
    void aStoppingInstanceIsReplacedWithoutMarkingItsOffering() {
        controller.handle(event("EC2 Instance State-change Notification", "i-0bbb", ",\"state\":\"stopping\""));
        assertThat(claims()).containsExactly("reserved-c", "spot-a");
        assertThat(unavailable.isUnavailable("c5.large", "us-west-2a", "on-demand")).isFalse();
        assertThat(reasons()).containsExactly("InstanceStopping");
    }

    @Test
    void aRebalanceRecommendationIsOnlyAnEvent() {
        controller.handle(event("EC2 Instance Rebalance Recommendation", "i-0aaa", ""));
        assertThat(claims()).containsExactly("od-b", "reserved-c", "spot-a");
        assertThat(unavailable.isUnavailable("c5.large", "us-west-2a", "spot")).isFalse();
        assertThat(reasons()).containsExactly("SpotRebalanceRecommendation");
    }

    @Test
    void anEventForAnInstanceNoClaimOwnsOrOfNoInterestChangesNothing() {
        controller.handle(event("EC2 Spot Instance Interruption Warning", "i-0another-cluster", ""));
        controller.handle(event("EC2 Instance State-change Notification", "i-0aaa", ",\"state\":\"running\""));
        assertThat(claims()).containsExactly("od-b", "reserved-c", "spot-a");
        assertThat(reasons()).isEmpty();
    }

    private static InterruptionMessage statusFailure(String instanceId) {
        return new InterruptionMessage(instanceId + "/system_status_failure", InterruptionKind.SYSTEM_STATUS_FAILURE, List.of(instanceId),
                Optional.empty());
    }

    @Test
    void aFailingStatusCheckReplacesTheClaimOnceWhileItKeepsFailing() {
        List<InterruptionMessage> failing = new ArrayList<>(List.of(statusFailure("i-0bbb")));
        List<String> handed = new ArrayList<>();
        InstanceStatusController checks = new InstanceStatusController(() -> List.copyOf(failing), m -> {
            handed.add(m.id());
            controller.handle(m);
        }, Duration.ofMinutes(1));
        checks.check();
        assertThat(claims()).containsExactly("reserved-c", "spot-a");
        assertThat(reasons()).containsExactly("InstanceUnhealthy");
        assertThat(registry.scrape()).contains("karpenter_nodeclaims_disrupted_total{nodepool=\"default\",reason=\"system_status_failure\"} 1.0");
        checks.check();
        assertThat(handed).hasSize(1);
        // Passing, then failing again: a new failure.
        failing.clear();
        checks.check();
        failing.add(statusFailure("i-0bbb"));
        checks.check();
        assertThat(handed).hasSize(2);
    }

    @Test
    void aPollOrAHandlingThatFailsIsTriedAgainAtTheNextPoll() {
        List<Integer> polls = new ArrayList<>();
        List<String> handed = new ArrayList<>();
        InstanceStatusController checks = new InstanceStatusController(() -> {
            polls.add(polls.size());
            if (polls.size() == 1) {
                throw new CloudProviderException("DescribeInstanceStatus: not authorized (UnauthorizedOperation)");
            }
            return List.of(statusFailure("i-0aaa"));
        }, m -> {
            handed.add(m.id());
            if (handed.size() == 1) {
                throw new IllegalStateException("API server unreachable");
            }
        }, Duration.ofMinutes(1));
        checks.check();
        assertThat(handed).isEmpty();
        checks.check();
        checks.check();
        checks.check();
        assertThat(polls).hasSize(4);
        assertThat(handed).hasSize(2);
    }
}
