package dev.ebbflow.provisioner.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.provisioner.aws.fake.InterruptionEvents;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InterruptionMessageTest {

    private static final String ID = "i-0123456789abcdef0";

    @Test
    void eachEc2EventIsReadAsItsKindWithItsInstance() {
        assertThat(InterruptionMessage.parse(InterruptionEvents.spotInterruption(ID, "us-west-2a")))
                .satisfies(m -> {
                    assertThat(m.kind()).isEqualTo(InterruptionKind.SPOT_INTERRUPTION);
                    assertThat(m.instanceIds()).containsExactly(ID);
                    assertThat(m.time()).isPresent();
                });
        assertThat(InterruptionMessage.parse(InterruptionEvents.capacityReservationInterruption(ID, "usw2-az1")))
                .satisfies(m -> {
                    assertThat(m.kind()).isEqualTo(InterruptionKind.CAPACITY_RESERVATION_INTERRUPTION);
                    assertThat(m.instanceIds()).containsExactly(ID);
                    assertThat(m.time()).isPresent();
                });
        assertThat(InterruptionMessage.parse(InterruptionEvents.rebalanceRecommendation(ID, "us-west-2a")).kind())
                .isEqualTo(InterruptionKind.REBALANCE_RECOMMENDATION);
        assertThat(InterruptionMessage.parse(InterruptionEvents.scheduledChange("EC2", "scheduledChange", ID, "i-0another")))
                .satisfies(m -> {
                    assertThat(m.kind()).isEqualTo(InterruptionKind.SCHEDULED_CHANGE);
                    assertThat(m.instanceIds()).containsExactly(ID, "i-0another");
                });
    }

    @Test
    void stateChangesActOnlyWhenTheInstanceIsGoing() {
        Map<String, InterruptionKind> expected = Map.of("stopping", InterruptionKind.INSTANCE_STOPPED, "stopped", InterruptionKind.INSTANCE_STOPPED,
                "shutting-down", InterruptionKind.INSTANCE_TERMINATED, "terminated", InterruptionKind.INSTANCE_TERMINATED,
                "pending", InterruptionKind.NO_OP, "running", InterruptionKind.NO_OP);
        expected.forEach((state, kind) -> assertThat(InterruptionMessage.parse(InterruptionEvents.stateChange(ID, "us-west-2a", state)).kind())
                .as(state).isEqualTo(kind));
    }

    @Test
    void otherHealthEventsAndOtherSourcesAreNoOps() {
        assertThat(InterruptionMessage.parse(InterruptionEvents.scheduledChange("RDS", "scheduledChange", ID)).kind()).isEqualTo(InterruptionKind.NO_OP);
        assertThat(InterruptionMessage.parse(InterruptionEvents.scheduledChange("EC2", "issue", ID)).kind()).isEqualTo(InterruptionKind.NO_OP);
        assertThat(InterruptionMessage.parse("{\"source\":\"aws.autoscaling\",\"detail-type\":\"EC2 Instance Launch Successful\",\"detail\":{}}")
                .kind()).isEqualTo(InterruptionKind.NO_OP);
    }

    @Test
    void aMessageThatCanNeverBeHandledIsRefusedSayingWhy() {
        assertThatThrownBy(() -> InterruptionMessage.parse("not json")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> InterruptionMessage.parse("[1,2]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> InterruptionMessage.parse("{\"detail\":{}}")).hasMessageContaining("'source' and 'detail-type'");
        assertThatThrownBy(() -> InterruptionMessage.parse(
                "{\"source\":\"aws.ec2\",\"detail-type\":\"EC2 Spot Instance Interruption Warning\",\"id\":\"e1\",\"detail\":{}}"))
                .hasMessageContaining("detail.instance-id");
        assertThatThrownBy(() -> InterruptionMessage.parse(
                "{\"source\":\"aws.ec2\",\"detail-type\":\"EC2 Capacity Reservation Instance Interruption Warning\",\"id\":\"e2\","
                        + "\"detail\":{\"instance-action\":\"terminate\"}}"))
                .hasMessageContaining("detail.instance-id");
        assertThatThrownBy(() -> InterruptionMessage.parse(InterruptionEvents.scheduledChange("EC2", "scheduledChange")))
                .hasMessageContaining("affectedEntities");
    }

    @Test
    void anEventConcernsTheClaimsOfItsInstancesByProviderId() {
        InterruptionMessage m = InterruptionMessage.parse(InterruptionEvents.spotInterruption(ID, "us-west-2a"));
        assertThat(m.concerns("aws:///us-west-2a/" + ID)).isTrue();
        assertThat(m.concerns("aws:///us-west-2a/i-0somethingelse")).isFalse();
        assertThat(m.concerns("kwok://" + ID)).isFalse();
        assertThat(m.concerns(null)).isFalse();
    }

    @Test
    void whatEachKindDoes() {
        assertThat(InterruptionKind.values()).filteredOn(InterruptionKind::deletesClaim).containsExactlyInAnyOrder(
                InterruptionKind.SPOT_INTERRUPTION, InterruptionKind.CAPACITY_RESERVATION_INTERRUPTION, InterruptionKind.SCHEDULED_CHANGE,
                InterruptionKind.INSTANCE_STOPPED, InterruptionKind.INSTANCE_TERMINATED, InterruptionKind.INSTANCE_STATUS_FAILURE,
                InterruptionKind.SYSTEM_STATUS_FAILURE);
        assertThat(InterruptionKind.REBALANCE_RECOMMENDATION.isActionable()).isTrue();
        assertThat(InterruptionKind.NO_OP.isActionable()).isFalse();
        assertThat(InterruptionKind.values()).extracting(InterruptionKind::messageType).contains("spot_interrupted", "rebalance_recommendation",
                "scheduled_change", "instance_stopped", "instance_terminated", "capacity_reservation_interrupted");
        assertThat(InterruptionKind.CAPACITY_RESERVATION_INTERRUPTION.reason()).isEqualTo("CapacityReservationInstanceInterrupted");
    }

    @Test
    void aCapacityReservationInterruptionOfAReservedClaimMarksItsReservedOfferingUnavailable() {
        Map<String, String> reserved = Map.of(KarpenterLabels.INSTANCE_TYPE, "p5.48xlarge", KarpenterLabels.ZONE, "us-west-2b",
                KarpenterLabels.CAPACITY_TYPE, "reserved");
        assertThat(InterruptionKind.CAPACITY_RESERVATION_INTERRUPTION.unavailableOffering(reserved))
                .contains(new InterruptionKind.Offering("p5.48xlarge", "us-west-2b", "reserved"));
        assertThat(InterruptionKind.SPOT_INTERRUPTION.unavailableOffering(reserved)).isEmpty();
        assertThat(InterruptionKind.CAPACITY_RESERVATION_INTERRUPTION.unavailableOffering(Map.of(KarpenterLabels.INSTANCE_TYPE, "p5.48xlarge",
                KarpenterLabels.ZONE, "us-west-2b", KarpenterLabels.CAPACITY_TYPE, "on-demand"))).isEmpty();
    }

    @Test
    void onlyASpotInterruptionOfASpotClaimMarksItsOfferingUnavailable() {
        Map<String, String> spot = Map.of(KarpenterLabels.INSTANCE_TYPE, "c5.large", KarpenterLabels.ZONE, "us-west-2a",
                KarpenterLabels.CAPACITY_TYPE, "spot");
        assertThat(InterruptionKind.SPOT_INTERRUPTION.unavailableOffering(spot))
                .contains(new InterruptionKind.Offering("c5.large", "us-west-2a", "spot"));
        Map<String, String> onDemand = Map.of(KarpenterLabels.INSTANCE_TYPE, "c5.large", KarpenterLabels.ZONE, "us-west-2a",
                KarpenterLabels.CAPACITY_TYPE, "on-demand");
        assertThat(InterruptionKind.SPOT_INTERRUPTION.unavailableOffering(onDemand)).isEmpty();
        assertThat(InterruptionKind.SCHEDULED_CHANGE.unavailableOffering(spot)).isEmpty();
        assertThat(InterruptionKind.INSTANCE_TERMINATED.unavailableOffering(spot)).isEmpty();
        assertThat(InterruptionKind.SPOT_INTERRUPTION.unavailableOffering(Map.of(KarpenterLabels.CAPACITY_TYPE, "spot"))).isEmpty();
    }
}
