package dev.ebbflow.provisioner.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.provisioner.aws.fake.ElasticMq;
import dev.ebbflow.provisioner.aws.fake.Ec2World;
import dev.ebbflow.provisioner.aws.fake.FakeEc2Server;
import dev.ebbflow.provisioner.aws.fake.InterruptionEvents;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;

/** The consumer against a real SQS protocol server (ElasticMQ): what is deleted when, and what is counted. */
class InterruptionConsumerTest {

    private static ElasticMq sqs;
    private static FakeEc2Server ec2;

    private final List<String> received = new ArrayList<>();
    private final List<Duration> queued = new ArrayList<>();
    private int deleted;

    private final InterruptionConsumer.Listener listener = new InterruptionConsumer.Listener() {
        @Override
        public void received(String messageType) {
            received.add(messageType);
        }

        @Override
        public void deleted() {
            deleted++;
        }

        @Override
        public void queued(Duration duration) {
            queued.add(duration);
        }
    };

    @BeforeAll
    static void start() throws Exception {
        sqs = new ElasticMq();
        ec2 = new FakeEc2Server(Ec2World.REGION);
    }

    @AfterAll
    static void stop() {
        sqs.close();
        ec2.close();
    }

    private static InterruptionQueue queue(String nameOrUrl) {
        return InterruptionQueue.withWait(AwsTestFixtures.settings(ec2), nameOrUrl, Duration.ofSeconds(1));
    }

    @Test
    void aHandledMessageIsDeletedAndCounted() {
        String url = sqs.createQueue("handled", 30);
        sqs.send(url, InterruptionEvents.spotInterruption("i-0aaa", "us-west-2a"));
        List<InterruptionMessage> handled = new ArrayList<>();
        try (InterruptionQueue queue = queue(url)) {
            InterruptionConsumer.Result result = new InterruptionConsumer(queue, handled::add, listener, Clock.systemUTC()).poll();
            assertThat(result.handled()).isEqualTo(1);
        }
        assertThat(handled).singleElement().satisfies(m -> assertThat(m.instanceIds()).containsExactly("i-0aaa"));
        assertThat(received).containsExactly("spot_interrupted");
        assertThat(deleted).isEqualTo(1);
        assertThat(queued).singleElement().satisfies(d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofSeconds(30)));
        assertThat(sqs.messages(url)).isZero();
    }

    @Test
    void aCapacityReservationInterruptionComesThroughTheQueueAsItsKind() {
        String url = sqs.createQueue("reserved", 30);
        sqs.send(url, InterruptionEvents.capacityReservationInterruption("i-0ddd", "usw2-az2"));
        List<InterruptionMessage> handled = new ArrayList<>();
        try (InterruptionQueue queue = queue(url)) {
            assertThat(new InterruptionConsumer(queue, handled::add, listener, Clock.systemUTC()).poll().handled()).isEqualTo(1);
        }
        assertThat(handled).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(InterruptionKind.CAPACITY_RESERVATION_INTERRUPTION);
            assertThat(m.instanceIds()).containsExactly("i-0ddd");
        });
        assertThat(received).containsExactly("capacity_reservation_interrupted");
        assertThat(deleted).isEqualTo(1);
        assertThat(sqs.messages(url)).isZero();
    }

    @Test
    void aMessageWhoseHandlingFailsStaysForRedelivery() throws Exception {
        String url = sqs.createQueue("failing", 1);
        sqs.send(url, InterruptionEvents.stateChange("i-0bbb", "us-west-2b", "stopping"));
        List<String> attempts = new ArrayList<>();
        try (InterruptionQueue queue = queue(url)) {
            InterruptionConsumer.Result first = new InterruptionConsumer(queue, m -> {
                attempts.add(m.id());
                throw new IllegalStateException("API server unreachable");
            }, listener, Clock.systemUTC()).poll();
            assertThat(first.failed()).isEqualTo(1);
            assertThat(deleted).isZero();
            assertThat(sqs.messages(url)).isEqualTo(1);
            // After its visibility timeout SQS delivers it again, and this time it is handled and deleted.
            Thread.sleep(1_100);
            InterruptionConsumer.Result second = new InterruptionConsumer(queue, m -> attempts.add(m.id()), listener, Clock.systemUTC()).poll();
            assertThat(second.handled()).isEqualTo(1);
        }
        assertThat(attempts).hasSize(2).containsOnly(attempts.get(0));
        assertThat(received).containsExactly("instance_stopped", "instance_stopped");
        assertThat(deleted).isEqualTo(1);
        assertThat(sqs.messages(url)).isZero();
    }

    @Test
    void anUnparsableMessageIsDeletedAndCountedWithoutReachingTheHandler() {
        String url = sqs.createQueue("by-name", 30);
        sqs.send(url, "{\"hello\": \"world\"}");
        sqs.send(url, InterruptionEvents.rebalanceRecommendation("i-0ccc", "us-west-2c"));
        List<InterruptionMessage> handled = new ArrayList<>();
        // Looked up by name, as Karpenter's settings.interruptionQueue names it; the endpoint comes from the URL here.
        try (InterruptionQueue queue = new InterruptionQueue(software.amazon.awssdk.services.sqs.SqsClient.builder()
                .region(software.amazon.awssdk.regions.Region.of(Ec2World.REGION)).endpointOverride(sqs.endpoint())
                .credentialsProvider(AwsTestFixtures.settings(ec2).credentials())
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()).build(), "by-name",
                Duration.ofSeconds(1))) {
            InterruptionConsumer.Result result = new InterruptionConsumer(queue, handled::add, listener, Clock.systemUTC()).poll();
            if (result.handled() + result.unparsable() < 2) {
                result = new InterruptionConsumer(queue, handled::add, listener, Clock.systemUTC()).poll();
            }
        }
        assertThat(handled).extracting(InterruptionMessage::kind).containsExactly(InterruptionKind.REBALANCE_RECOMMENDATION);
        assertThat(received).containsExactlyInAnyOrder(InterruptionConsumer.UNPARSABLE, "rebalance_recommendation");
        assertThat(deleted).isEqualTo(2);
        assertThat(sqs.messages(url)).isZero();
    }

    @Test
    void aQueueThatDoesNotExistIsAnErrorOfThePollNotACrash() {
        try (InterruptionQueue queue = queue(sqs.endpoint() + "/000000000000/missing")) {
            InterruptionConsumer consumer = new InterruptionConsumer(queue, m -> { }, listener, Clock.systemUTC());
            assertThatThrownBy(consumer::poll).isInstanceOf(SdkException.class);
        }
    }

    @Test
    void aQueueUrlOutsideAwsIsAlsoItsEndpoint() {
        assertThat(InterruptionQueue.endpointOf("http://127.0.0.1:9324/000000000000/q")).contains(java.net.URI.create("http://127.0.0.1:9324"));
        assertThat(InterruptionQueue.endpointOf("https://sqs.us-west-2.amazonaws.com/123456789012/q")).isEmpty();
        assertThat(InterruptionQueue.endpointOf("Karpenter-prod")).isEmpty();
    }
}
