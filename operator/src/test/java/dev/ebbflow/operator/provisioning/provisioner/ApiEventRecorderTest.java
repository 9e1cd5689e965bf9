package dev.ebbflow.operator.provisioning.provisioner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ApiEventRecorderTest {

    static KubernetesClient client;

    @Test
    void eventsCarryKarpentersComponentAndARepeatMovesTheSameEvent() {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        ApiEventRecorder recorder = new ApiEventRecorder(client, clock);
        Pod pod = Fixtures.pendingPod("web", "1", "1Gi");
        pod.getMetadata().setUid("u1");

        recorder.record(pod, EventRecorder.NORMAL, "Nominated", "Pod should schedule on: nodeclaim/general-abcde");
        clock.advance(Duration.ofSeconds(30));
        recorder.record(pod, EventRecorder.NORMAL, "Nominated", "Pod should schedule on: nodeclaim/general-abcde");
        recorder.record(pod, EventRecorder.WARNING, "FailedScheduling", "Failed to schedule pod, no");

        List<Event> events = client.v1().events().inNamespace("default").list().getItems();
        assertThat(events).hasSize(2);
        Event nominated = events.stream().filter(e -> e.getReason().equals("Nominated")).findFirst().orElseThrow();
        assertThat(nominated.getSource().getComponent()).isEqualTo("karpenter");
        assertThat(nominated.getReportingComponent()).isEqualTo("karpenter");
        assertThat(nominated.getInvolvedObject().getKind()).isEqualTo("Pod");
        assertThat(nominated.getInvolvedObject().getName()).isEqualTo("web");
        assertThat(nominated.getFirstTimestamp()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(nominated.getLastTimestamp()).isEqualTo("2026-01-01T00:00:30Z");
    }
}
