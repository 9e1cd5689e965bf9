package dev.ebbflow.scalers.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ebbflow.scalers.AggregationOperation;
import dev.ebbflow.scalers.ScalerReading;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each mode's metric and activation from queue statistics, without a broker. */
class ModeTest {

    private static final QueueStats BUSY = new QueueStats(120, 30, 20);

    @Test
    void countsAndRatesAreActiveOnlyStrictlyAboveTheActivationValue() {
        assertThat(Mode.QUEUE_LENGTH.reading(BUSY, 0)).isEqualTo(new ScalerReading(120, true));
        assertThat(Mode.QUEUE_LENGTH.reading(BUSY, 120)).isEqualTo(new ScalerReading(120, false));
        assertThat(Mode.MESSAGE_RATE.reading(BUSY, 29.5)).isEqualTo(new ScalerReading(30, true));
        assertThat(Mode.MESSAGE_RATE.reading(new QueueStats(0, 30, 20), 30)).isEqualTo(new ScalerReading(30, false));
        assertThat(Mode.DELIVER_GET_RATE.reading(BUSY, 10)).isEqualTo(new ScalerReading(20, true));
        assertThat(Mode.DELIVER_GET_RATE.reading(new QueueStats(5, 1, 0), 0)).isEqualTo(new ScalerReading(0, false));
    }

    @Test
    void messageRateStaysActiveOnABacklogWhateverTheRate() {
        assertThat(Mode.MESSAGE_RATE.reading(new QueueStats(12, 0, 0), 5)).isEqualTo(new ScalerReading(0, true));
        assertThat(Mode.MESSAGE_RATE.reading(new QueueStats(5, 0, 0), 5)).isEqualTo(new ScalerReading(0, false));
    }

    @Test
    void publishedToDeliveredRatio() {
        assertThat(Mode.PUBLISHED_TO_DELIVERED_RATIO.reading(BUSY, 1)).isEqualTo(new ScalerReading(1.5, true));
        assertThat(Mode.PUBLISHED_TO_DELIVERED_RATIO.reading(new QueueStats(0, 20, 20), 1)).isEqualTo(new ScalerReading(1, false));
        assertThat(Mode.PUBLISHED_TO_DELIVERED_RATIO.reading(new QueueStats(0, 10, 40), 0)).isEqualTo(new ScalerReading(0.25, true));
        // Nothing delivered: the publish rate stands in for the (unbounded) ratio, active while anything is published.
        assertThat(Mode.PUBLISHED_TO_DELIVERED_RATIO.reading(new QueueStats(50, 8, 0), 10)).isEqualTo(new ScalerReading(8, true));
        assertThat(Mode.PUBLISHED_TO_DELIVERED_RATIO.reading(new QueueStats(50, 0, 0), 0)).isEqualTo(new ScalerReading(0, false));
    }

    @Test
    void expectedQueueConsumptionTime() {
        // 120 messages at 20/s take 6 s; publishing 30/s against 20/s delivered adds half a second per second.
        assertThat(Mode.EXPECTED_QUEUE_CONSUMPTION_TIME.reading(BUSY, 5)).isEqualTo(new ScalerReading(6.5, true));
        assertThat(Mode.EXPECTED_QUEUE_CONSUMPTION_TIME.reading(BUSY, 6.5)).isEqualTo(new ScalerReading(6.5, false));
        // Drained faster than it fills: 10 messages at 40/s with nothing published is 0.25 - 1 s, which is no time.
        assertThat(Mode.EXPECTED_QUEUE_CONSUMPTION_TIME.reading(new QueueStats(10, 0, 40), 0)).isEqualTo(new ScalerReading(0, false));
        // An empty queue takes no time, whatever the rates.
        assertThat(Mode.EXPECTED_QUEUE_CONSUMPTION_TIME.reading(new QueueStats(0, 50, 0), 3)).isEqualTo(new ScalerReading(0, false));
        // A backlog nobody consumes: reported at the activation value, and active.
        assertThat(Mode.EXPECTED_QUEUE_CONSUMPTION_TIME.reading(new QueueStats(7, 0, 0), 3)).isEqualTo(new ScalerReading(3, true));
    }

    @Test
    void onlyQueueLengthWorksWithoutTheManagementApi() {
        assertThat(Mode.QUEUE_LENGTH.needsHttp()).isFalse();
        assertThat(List.of(Mode.MESSAGE_RATE, Mode.DELIVER_GET_RATE, Mode.PUBLISHED_TO_DELIVERED_RATIO, Mode.EXPECTED_QUEUE_CONSUMPTION_TIME))
                .allMatch(Mode::needsHttp);
    }

    @Test
    void statisticsOfAManagementApiQueueObject() throws Exception {
        var queue = new ObjectMapper().readTree("""
                {"name":"q","messages":12,"messages_ready":9,"message_stats":{
                  "publish":400,"publish_details":{"rate":12.4},"deliver_get":380,"deliver_get_details":{"rate":10.2}}}""");
        assertThat(HttpQueueReader.statsOf(queue, false)).isEqualTo(new QueueStats(12, 12.4, 10.2));
        assertThat(HttpQueueReader.statsOf(queue, true)).isEqualTo(new QueueStats(9, 12.4, 10.2));
        assertThat(HttpQueueReader.statsOf(new ObjectMapper().readTree("{\"name\":\"fresh\",\"messages\":0}"), false))
                .as("a queue that saw no traffic has no message_stats").isEqualTo(new QueueStats(0, 0, 0));
    }

    @Test
    void regexStatisticsCombineEachFigureBeforeTheModeApplies() {
        List<QueueStats> queues = List.of(new QueueStats(10, 4, 2), new QueueStats(30, 6, 8));
        assertThat(QueueStats.combine(queues, AggregationOperation.SUM)).isEqualTo(new QueueStats(40, 10, 10));
        assertThat(QueueStats.combine(queues, AggregationOperation.MAX)).isEqualTo(new QueueStats(30, 6, 8));
        assertThat(QueueStats.combine(queues, AggregationOperation.AVG)).isEqualTo(new QueueStats(20, 5, 5));
        assertThat(QueueStats.combine(List.of(), AggregationOperation.AVG)).isEqualTo(new QueueStats(0, 0, 0));
        // Message counts average in whole numbers, as KEDA's do; rates do not.
        assertThat(QueueStats.combine(List.of(new QueueStats(3, 1, 0), new QueueStats(4, 2, 0)), AggregationOperation.AVG))
                .isEqualTo(new QueueStats(3, 1.5, 0));
        assertThat(Mode.PUBLISHED_TO_DELIVERED_RATIO.reading(QueueStats.combine(queues, AggregationOperation.SUM), 0).value())
                .isCloseTo(1.0, within(1e-9));
    }
}
