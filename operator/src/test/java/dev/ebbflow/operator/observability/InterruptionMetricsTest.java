package dev.ebbflow.operator.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InterruptionMetricsTest {
    private final ScrapedMetrics endpoint = new ScrapedMetrics();
    private final KarpenterMetrics karpenter = new KarpenterMetrics(endpoint.registry);
    private final InterruptionMetrics interruptions = new InterruptionMetrics(endpoint.registry);

    @AfterEach
    void stop() {
        endpoint.close();
    }

    @Test
    void exposesTheInterruptionQueueUnderKarpentersNames() throws Exception {
        interruptions.received("spot_interrupted");
        interruptions.received("spot_interrupted");
        interruptions.received("unparsable");
        interruptions.deleted();
        interruptions.queued(Duration.ofMillis(1_500));

        String text = endpoint.scrape();

        assertThat(text).contains("# TYPE karpenter_interruption_received_messages_total counter",
                "# TYPE karpenter_interruption_deleted_messages_total counter",
                "# TYPE karpenter_interruption_message_queue_duration_seconds histogram");
        assertThat(ScrapedMetrics.value(text, "karpenter_interruption_received_messages_total", Map.of("message_type", "spot_interrupted"))).hasValue(2.0);
        assertThat(ScrapedMetrics.value(text, "karpenter_interruption_received_messages_total", Map.of("message_type", "unparsable"))).hasValue(1.0);
        assertThat(ScrapedMetrics.value(text, "karpenter_interruption_deleted_messages_total", Map.of())).hasValue(1.0);
        assertThat(ScrapedMetrics.value(text, "karpenter_interruption_message_queue_duration_seconds_bucket", Map.of("le", "1.0"))).hasValue(0.0);
        assertThat(ScrapedMetrics.value(text, "karpenter_interruption_message_queue_duration_seconds_bucket", Map.of("le", "2.5"))).hasValue(1.0);
    }

    @Test
    void aNodeClaimDisruptedByAnInterruptionCountsInTheSameSeriesFamilyAsTheOtherReasons() throws Exception {
        karpenter.nodeClaimDisrupted("empty", "default");
        interruptions.nodeClaimDisrupted("spot_interrupted", "default");
        interruptions.nodeClaimDisrupted("spot_interrupted", "default");

        String text = endpoint.scrape();

        assertThat(text.split("# TYPE karpenter_nodeclaims_disrupted_total counter", -1)).hasSize(2);
        assertThat(ScrapedMetrics.value(text, "karpenter_nodeclaims_disrupted_total", Map.of("reason", "empty", "nodepool", "default"))).hasValue(1.0);
        assertThat(ScrapedMetrics.value(text, "karpenter_nodeclaims_disrupted_total", Map.of("reason", "spot_interrupted", "nodepool", "default")))
                .hasValue(2.0);
    }
}
