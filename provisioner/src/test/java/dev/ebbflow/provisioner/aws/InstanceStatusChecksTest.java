package dev.ebbflow.provisioner.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.aws.EC2NodeClass;
import dev.ebbflow.provisioner.aws.fake.Ec2World;
import dev.ebbflow.provisioner.aws.fake.FakeEc2Server;
import dev.ebbflow.provisioner.cloud.UnavailableOfferings;
import dev.ebbflow.testkit.ManualClock;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.InstanceStatus;
import software.amazon.awssdk.services.ec2.model.InstanceStatusDetails;
import software.amazon.awssdk.services.ec2.model.InstanceStatusEvent;
import software.amazon.awssdk.services.ec2.model.InstanceStatusSummary;

/** Which EC2 status checks make an instance unhealthy, as Karpenter's instance status controller decides. */
@EnableKubernetesMockClient(crud = true, https = false)
class InstanceStatusChecksTest {

    static KubernetesClient client;

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private static InstanceStatusSummary summary(String status, Instant since) {
        return InstanceStatusSummary.builder().status("failed".equals(status) ? "impaired" : "ok")
                .details(InstanceStatusDetails.builder().name("reachability").status(status).impairedSince(since).build()).build();
    }

    private static List<String> failing(InstanceStatus... statuses) {
        return InstanceStatusChecks.failing(List.of(statuses), NOW).stream()
                .map(m -> m.instanceIds() + " " + m.kind() + " " + m.time().orElseThrow()).toList();
    }

    @Test
    void aCheckFailingForTwoMinutesIsUnhealthyABlipIsNot() {
        Instant threeMinutes = NOW.minus(Duration.ofMinutes(3));
        assertThat(failing(InstanceStatus.builder().instanceId("i-0a").instanceStatus(summary("failed", threeMinutes))
                .systemStatus(summary("passed", null)).build()))
                .containsExactly("[i-0a] INSTANCE_STATUS_FAILURE " + threeMinutes);
        assertThat(failing(InstanceStatus.builder().instanceId("i-0b").systemStatus(summary("failed", NOW.minus(Duration.ofMinutes(2)))).build()))
                .containsExactly("[i-0b] SYSTEM_STATUS_FAILURE " + NOW.minus(Duration.ofMinutes(2)));
        assertThat(failing(InstanceStatus.builder().instanceId("i-0c").instanceStatus(summary("failed", NOW.minusSeconds(119))).build()))
                .isEmpty();
        // EC2 did not say since when: counted as failing long enough, as Karpenter counts it.
        assertThat(failing(InstanceStatus.builder().instanceId("i-0d").instanceStatus(summary("failed", null)).build())).hasSize(1);
    }

    @Test
    void bothChecksFailingAreTwoMessagesWhoseIdsStayTheSameFromPollToPoll() {
        InstanceStatus both = InstanceStatus.builder().instanceId("i-0e").instanceStatus(summary("failed", NOW.minus(Duration.ofMinutes(5))))
                .systemStatus(summary("failed", NOW.minus(Duration.ofMinutes(4)))).build();
        assertThat(InstanceStatusChecks.failing(List.of(both), NOW)).extracting(InterruptionMessage::id)
                .containsExactly("i-0e/instance_status_failure", "i-0e/system_status_failure");
        assertThat(InstanceStatusChecks.failing(List.of(both), NOW.plus(Duration.ofMinutes(1)))).extracting(InterruptionMessage::id)
                .containsExactly("i-0e/instance_status_failure", "i-0e/system_status_failure");
    }

    @Test
    void scheduledEventsAndInitialisingOrPassingChecksAreLeftAlone() {
        assertThat(failing(InstanceStatus.builder().instanceId("i-0f").instanceStatus(summary("passed", null)).systemStatus(summary("passed", null))
                .events(InstanceStatusEvent.builder().code("system-maintenance").notBefore(NOW.plus(Duration.ofDays(3))).build()).build()))
                .isEmpty();
        assertThat(failing(InstanceStatus.builder().instanceId("i-0g").instanceStatus(summary("initializing", null)).build())).isEmpty();
    }

    @Test
    void theRunningInstancesChecksAreReadWithDescribeInstanceStatus() throws Exception {
        ManualClock clock = new ManualClock(NOW);
        try (FakeEc2Server ec2 = Ec2World.seed(new FakeEc2Server(Ec2World.REGION));
             AwsCloudProvider aws = new AwsCloudProvider(client, clock, AwsTestFixtures.settings(ec2), new UnavailableOfferings(clock),
                     () -> "1.28")) {
            client.resources(EC2NodeClass.class).delete();
            String broken = ec2.runInstance("m5.large", "us-west-2a", Map.of());
            String recovering = ec2.runInstance("m5.large", "us-west-2b", Map.of());
            ec2.runInstance("m5.large", "us-west-2c", Map.of());
            ec2.failStatusCheck(broken, "system", NOW.minus(Duration.ofMinutes(3)));
            ec2.failStatusCheck(recovering, "instance", NOW.minusSeconds(30));
            assertThat(aws.instanceStatusChecks().failing()).singleElement().satisfies(m -> {
                assertThat(m.kind()).isEqualTo(InterruptionKind.SYSTEM_STATUS_FAILURE);
                assertThat(m.instanceIds()).containsExactly(broken);
                assertThat(m.time()).contains(NOW.minus(Duration.ofMinutes(3)));
            });
            clock.advance(Duration.ofMinutes(2));
            assertThat(aws.instanceStatusChecks().failing()).extracting(InterruptionMessage::id)
                    .containsExactlyInAnyOrder(broken + "/system_status_failure", recovering + "/instance_status_failure");
            ec2.passStatusChecks(broken);
            assertThat(aws.instanceStatusChecks().failing()).extracting(InterruptionMessage::id)
                    .containsExactly(recovering + "/instance_status_failure");
            assertThat(ec2.requests("DescribeInstanceStatus")).hasSize(3);
        }
    }
}
