package dev.ebbflow.scalers.rabbitmq;

import static dev.ebbflow.scalers.rabbitmq.BrokerFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.ebbflow.scalers.MetricTargetType;
import dev.ebbflow.scalers.Scaler;
import dev.ebbflow.scalers.ScalerConfigException;
import dev.ebbflow.scalers.ScalerReading;
import dev.ebbflow.scalers.TriggerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The rate modes (DeliverGetRate, PublishedToDeliveredRatio, ExpectedQueueConsumptionTime) against
 * the real broker's management API, with real publishers and consumers: {@code flow} is published
 * to and drained at the same pace, {@code backlog} holds thousands of messages that one slow
 * consumer works through, {@code stalled} has messages and no consumer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RabbitMqRateModesBrokerTest {

    private static final Duration STATS = Duration.ofSeconds(40);
    private static final ObjectMapper JSON = new ObjectMapper();

    private BrokerFixture fx;
    private RabbitMqScalerFactory factory;
    private Connection traffic;
    private AutoCloseable publisher;
    private final List<Scaler> scalers = new ArrayList<>();

    @BeforeAll
    void startTraffic() throws Exception {
        fx = new BrokerFixture();
        factory = new RabbitMqScalerFactory();
        for (String q : List.of("flow", "backlog", "stalled")) {
            fx.declareQueue(q);
        }
        fx.publish("backlog", 5000);
        fx.publish("stalled", 7);
        traffic = fx.connect();
        Channel drain = traffic.createChannel();
        drain.basicConsume("flow", true, new DefaultConsumer(drain));
        Channel slow = traffic.createChannel();
        slow.basicQos(1);
        slow.basicConsume("backlog", false, new DefaultConsumer(slow) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) throws java.io.IOException {
                try {
                    Thread.sleep(20); // about 50 deliveries a second: the backlog lasts well beyond this class
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                getChannel().basicAck(envelope.getDeliveryTag(), false);
            }
        });
        publisher = fx.publishSteadily("flow");
    }

    @AfterAll
    void stopTraffic() throws Exception {
        // Each step runs even when an earlier one failed, so the test vhost and user never outlive the class.
        try (BrokerFixture broker = fx; RabbitMqScalerFactory f = factory; AutoCloseable p = publisher) {
            scalers.forEach(Scaler::close);
            if (traffic != null) {
                traffic.abort();
            }
        }
    }

    private Scaler scaler(String queue, String mode, String... kv) throws ScalerConfigException {
        Map<String, String> metadata = new HashMap<>(Map.of("host", fx.httpHost(fx.vhost), "queueName", queue, "mode", mode, "value", "1"));
        for (int i = 0; i < kv.length; i += 2) {
            metadata.put(kv[i], kv[i + 1]);
        }
        Scaler s = factory.create(new TriggerConfig(0, "rabbitmq", null, metadata, Map.of("username", fx.user, "password", fx.password),
                null, MetricTargetType.VALUE));
        scalers.add(s);
        return s;
    }

    /** The queue's figures as the management API reports them right now. */
    private QueueStats brokerStats(String queue) throws Exception {
        return HttpQueueReader.statsOf(JSON.readTree(fx.get("/api/queues/" + UrlEncoding.encode(fx.vhost) + "/" + queue)), false);
    }

    /**
     * Reads the scaler between two reads of the broker's own figures; when both agree (the broker
     * refreshes them every few seconds, so they usually do), the scaler must have seen those figures.
     */
    private void assertReadsTheBrokersFigures(Scaler s, Mode mode, String queue, double activationValue) throws Exception {
        eventually(STATS, () -> {
            QueueStats before = brokerStats(queue);
            ScalerReading reading = s.read();
            QueueStats after = brokerStats(queue);
            assertThat(after).isEqualTo(before);
            assertThat(before.deliverGetRate()).as("deliveries reported for " + queue).isGreaterThan(0);
            assertThat(reading).isEqualTo(mode.reading(before, activationValue));
        });
    }

    @Test
    void deliverGetRateIsTheQueuesDeliveryRate() throws Exception {
        Scaler s = scaler("flow", "DeliverGetRate", "activationValue", "5");
        assertReadsTheBrokersFigures(s, Mode.DELIVER_GET_RATE, "flow", 5);
        eventually(STATS, () -> assertThat(s.read()).satisfies(r -> {
            assertThat(r.value()).as("a consumer keeping up with ~50 publishes/s").isGreaterThan(5);
            assertThat(r.active()).isTrue();
        }));
    }

    @Test
    void publishedToDeliveredRatioIsAboutOneWhenConsumersKeepUp() throws Exception {
        Scaler s = scaler("flow", "PublishedToDeliveredRatio", "activationValue", "0.1");
        assertReadsTheBrokersFigures(s, Mode.PUBLISHED_TO_DELIVERED_RATIO, "flow", 0.1);
        eventually(STATS, () -> assertThat(s.read().value()).isCloseTo(1.0, within(0.3)));
    }

    @Test
    void expectedQueueConsumptionTimeOfABacklogDrainedByOneSlowConsumer() throws Exception {
        Scaler s = scaler("backlog", "ExpectedQueueConsumptionTime", "value", "30", "activationValue", "10");
        assertReadsTheBrokersFigures(s, Mode.EXPECTED_QUEUE_CONSUMPTION_TIME, "backlog", 10);
        eventually(STATS, () -> assertThat(s.read()).satisfies(r -> {
            // thousands of messages at tens per second: a minute or more, far above the activation value
            assertThat(r.value()).isGreaterThan(30);
            assertThat(r.active()).isTrue();
        }));
    }

    @Test
    void aBacklogNobodyConsumesActivatesTheConsumptionTimeTrigger() throws Exception {
        Scaler time = scaler("stalled", "ExpectedQueueConsumptionTime", "activationValue", "3");
        eventually(STATS, () -> assertThat(time.read()).isEqualTo(new ScalerReading(3, true)));
        Scaler rate = scaler("stalled", "DeliverGetRate");
        assertThat(rate.read()).isEqualTo(new ScalerReading(0, false));
    }

    @Test
    void regexCombinesTheFiguresOfTheMatchedQueues() throws Exception {
        Scaler s = scaler("^(flow|stalled)$", "DeliverGetRate", "useRegex", "true", "operation", "sum");
        eventually(STATS, () -> {
            QueueStats flow = brokerStats("flow");
            double value = s.read().value();
            assertThat(brokerStats("flow")).isEqualTo(flow);
            assertThat(flow.deliverGetRate()).isGreaterThan(0);
            assertThat(value).isEqualTo(flow.deliverGetRate() + brokerStats("stalled").deliverGetRate());
        });
    }
}
