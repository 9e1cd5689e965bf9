package dev.ebbflow.scalers.sqs;

import static dev.ebbflow.scalers.sqs.Triggers.withKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.scalers.Scaler;
import dev.ebbflow.scalers.ScalerException;
import dev.ebbflow.scalers.ScalerReading;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The scaler against ElasticMQ over real HTTP: what SQS counts, and what the scaler makes of it. */
class SqsScalerElasticMqTest {

    private static ElasticMq sqs;
    private static SqsScalerFactory factory;
    /** A queue with 3 visible, 2 in-flight and 4 delayed messages. */
    private static String mixedQueueUrl;
    private static String mixedQueueName;

    @BeforeAll
    static void start() {
        sqs = ElasticMq.start();
        factory = new SqsScalerFactory(new SqsClientSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5), 1, null), Map.of());
        mixedQueueName = "mixed-" + UUID.randomUUID();
        mixedQueueUrl = sqs.createQueue(mixedQueueName);
        for (int i = 0; i < 5; i++) {
            sqs.client().sendMessage(b -> b.queueUrl(mixedQueueUrl).messageBody("visible"));
        }
        int received = sqs.client().receiveMessage(b -> b.queueUrl(mixedQueueUrl).maxNumberOfMessages(2).visibilityTimeout(300)).messages().size();
        assertThat(received).isEqualTo(2);
        for (int i = 0; i < 4; i++) {
            sqs.client().sendMessage(b -> b.queueUrl(mixedQueueUrl).messageBody("later").delaySeconds(600));
        }
    }

    @AfterAll
    static void stop() {
        factory.close();
        sqs.close();
    }

    private static Triggers onMixedQueue() {
        return withKeys().meta("queueURL", mixedQueueUrl).meta("awsRegion", ElasticMq.REGION).meta("awsEndpoint", sqs.endpoint().toString());
    }

    private static double read(Triggers t) throws Exception {
        try (Scaler s = factory.create(t.build())) {
            return s.read().value();
        }
    }

    @Test
    void defaultCountsVisibleAndInFlight() throws Exception {
        assertThat(read(onMixedQueue())).isEqualTo(3 + 2);
    }

    @Test
    void eachFlagCombination() throws Exception {
        assertThat(read(onMixedQueue().meta("scaleOnInFlight", "false"))).isEqualTo(3);
        assertThat(read(onMixedQueue().meta("scaleOnInFlight", "false").meta("scaleOnDelayed", "true"))).isEqualTo(3 + 4);
        assertThat(read(onMixedQueue().meta("scaleOnInFlight", "true").meta("scaleOnDelayed", "true"))).isEqualTo(3 + 2 + 4);
        assertThat(read(onMixedQueue().meta("scaleOnDelayed", "false"))).isEqualTo(3 + 2);
    }

    @Test
    void queueByBareNameWithRegionAndEndpoint() throws Exception {
        Triggers byName = withKeys().meta("queueURL", mixedQueueName).meta("awsRegion", ElasticMq.REGION).meta("awsEndpoint", sqs.endpoint().toString());
        try (Scaler s = factory.create(byName.index(2).build())) {
            assertThat(s.metricSpec().metricName()).isEqualTo("s2-aws-sqs-" + mixedQueueName);
            assertThat(s.read().value()).isEqualTo(5);
        }
    }

    @Test
    void metricSpecCarriesTargetsAndTheKedaName() throws Exception {
        try (Scaler s = factory.create(onMixedQueue().index(1).meta("queueLength", "7").meta("activationQueueLength", "2").build())) {
            assertThat(s.metricSpec().metricName()).isEqualTo("s1-aws-sqs-" + mixedQueueName);
            assertThat(s.metricSpec().target()).isEqualTo(7);
            assertThat(s.metricSpec().activationTarget()).isEqualTo(2);
        }
    }

    @Test
    void activationIsStrictlyAboveTheThreshold() throws Exception {
        String url = sqs.createQueue("activation-" + UUID.randomUUID());
        Triggers t = withKeys().meta("queueURL", url).meta("awsRegion", ElasticMq.REGION).meta("awsEndpoint", sqs.endpoint().toString())
                .meta("activationQueueLength", "2");
        try (Scaler s = factory.create(t.build())) {
            assertThat(s.read()).isEqualTo(new ScalerReading(0, false));
            sqs.client().sendMessage(b -> b.queueUrl(url).messageBody("1"));
            sqs.client().sendMessage(b -> b.queueUrl(url).messageBody("2"));
            assertThat(s.read()).isEqualTo(new ScalerReading(2, false));
            sqs.client().sendMessage(b -> b.queueUrl(url).messageBody("3"));
            assertThat(s.read()).isEqualTo(new ScalerReading(3, true));
        }
    }

    @Test
    void missingQueueIsAReadErrorNamingTheQueueAndNoSecret() throws Exception {
        Triggers t = withKeys().meta("queueURL", sqs.endpoint() + "/000000000000/no-such-queue").meta("awsRegion", ElasticMq.REGION)
                .meta("awsEndpoint", sqs.endpoint().toString());
        try (Scaler s = factory.create(t.build())) {
            assertThatThrownBy(s::read).isInstanceOf(ScalerException.class)
                    .hasMessageContaining("queue 'no-such-queue' does not exist")
                    .hasMessageNotContaining(Triggers.SECRET);
        }
    }

    @Test
    void manyTriggersWithOneIdentityShareOneClientUntilTheLastCloses() throws Exception {
        try (SqsScalerFactory own = new SqsScalerFactory(SqsClientSettings.DEFAULT, Map.of())) {
            List<Scaler> scalers = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                scalers.add(own.create(onMixedQueue().index(i).build()));
            }
            Scaler otherKeys = own.create(onMixedQueue().auth("awsAccessKeyID", "AKIAOTHER").build());
            assertThat(own.sharedClients()).isEqualTo(2);
            assertThat(scalers.get(0).read().value()).isEqualTo(5);
            assertThat(scalers.get(199).read().value()).isEqualTo(5);

            otherKeys.close();
            assertThat(own.sharedClients()).isEqualTo(1);
            for (int i = 0; i < 199; i++) {
                scalers.get(i).close();
            }
            scalers.get(0).close(); // a second close must not release someone else's lease
            assertThat(own.sharedClients()).isEqualTo(1);
            assertThat(scalers.get(199).read().value()).isEqualTo(5);
            scalers.get(199).close();
            assertThat(own.sharedClients()).isZero();
            assertThatThrownBy(() -> scalers.get(199).read()).isInstanceOf(ScalerException.class).hasMessageContaining("closed");
        }
    }

    @Test
    void closingTheFactoryClosesItsClientsUnderLiveScalers() throws Exception {
        SqsScalerFactory own = new SqsScalerFactory(SqsClientSettings.DEFAULT, Map.of());
        Scaler s = own.create(onMixedQueue().build());
        assertThat(s.read().value()).isEqualTo(5);
        own.close();
        assertThat(own.sharedClients()).isZero();
        assertThatThrownBy(s::read).isInstanceOf(ScalerException.class).hasMessageContaining("closed with the aws-sqs-queue scaler factory");
        s.close();
        assertThatThrownBy(() -> own.create(onMixedQueue().build())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void endpointDownIsAnErrorAndTheNextReadAfterRestartRecovers() throws Exception {
        try (ElasticMq flaky = ElasticMq.start()) {
            String url = flaky.createQueue("flaky");
            flaky.client().sendMessage(b -> b.queueUrl(url).messageBody("m"));
            Triggers t = withKeys().meta("queueURL", url).meta("awsRegion", ElasticMq.REGION).meta("awsEndpoint", flaky.endpoint().toString());
            try (Scaler s = factory.create(t.build())) {
                assertThat(s.read().value()).isEqualTo(1);

                flaky.stop();
                assertThatThrownBy(s::read).isInstanceOf(ScalerException.class)
                        .hasMessageContaining("cannot reach SQS at " + flaky.endpoint())
                        .hasMessageNotContaining(Triggers.SECRET);

                flaky.restart();
                flaky.createQueue("flaky");
                flaky.client().sendMessage(b -> b.queueUrl(url).messageBody("m1"));
                flaky.client().sendMessage(b -> b.queueUrl(url).messageBody("m2"));
                assertThat(s.read().value()).isEqualTo(2);
            }
        }
    }
}
