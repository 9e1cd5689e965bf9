package dev.ebbflow.provisioner.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

class ProvisionablePodsTest {

    private static PodBuilder unschedulable() {
        return new PodBuilder().withNewMetadata().withName("p").withNamespace("default").endMetadata()
                .withNewSpec().endSpec()
                .withNewStatus().withPhase("Pending").addNewCondition().withType("PodScheduled").withStatus("False").withReason("Unschedulable").endCondition().endStatus();
    }

    @Test
    void unschedulablePendingPodCounts() {
        assertThat(ProvisionablePods.isProvisionable(unschedulable().build())).isTrue();
    }

    @Test
    void podsTheSchedulerHasNotGivenUpOnDoNotCount() {
        Pod noCondition = unschedulable().editStatus().withConditions().endStatus().build();
        Pod otherReason = unschedulable().editStatus().editFirstCondition().withReason("SchedulingGated").endCondition().endStatus().build();
        assertThat(ProvisionablePods.isProvisionable(noCondition)).isFalse();
        assertThat(ProvisionablePods.isProvisionable(otherReason)).isFalse();
    }

    @Test
    void boundNominatedDaemonSetTerminalAndDeletedPodsDoNotCount() {
        assertThat(ProvisionablePods.isProvisionable(unschedulable().editSpec().withNodeName("n1").endSpec().build())).isFalse();
        assertThat(ProvisionablePods.isProvisionable(unschedulable().editStatus().withNominatedNodeName("n1").endStatus().build())).isFalse();
        assertThat(ProvisionablePods.isProvisionable(unschedulable().editMetadata().addNewOwnerReference().withKind("DaemonSet").withName("ds").endOwnerReference().endMetadata().build())).isFalse();
        assertThat(ProvisionablePods.isProvisionable(unschedulable().editStatus().withPhase("Succeeded").endStatus().build())).isFalse();
        assertThat(ProvisionablePods.isProvisionable(unschedulable().editStatus().withPhase("Failed").endStatus().build())).isFalse();
        assertThat(ProvisionablePods.isProvisionable(unschedulable().editMetadata().withDeletionTimestamp("2026-01-01T00:00:00Z").endMetadata().build())).isFalse();
    }

    @Test
    void replicaSetOwnedPodCounts() {
        assertThat(ProvisionablePods.isProvisionable(unschedulable().editMetadata().addNewOwnerReference().withKind("ReplicaSet").withName("rs").endOwnerReference().endMetadata().build())).isTrue();
    }
}
