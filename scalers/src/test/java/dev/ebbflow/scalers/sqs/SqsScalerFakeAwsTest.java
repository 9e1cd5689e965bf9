package dev.ebbflow.scalers.sqs;

import static dev.ebbflow.scalers.sqs.Triggers.withKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.scalers.Scaler;
import dev.ebbflow.scalers.ScalerException;
import dev.ebbflow.scalers.sqs.FakeAws.Answer;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scaler against a local server speaking STS AssumeRole and the SQS JSON protocol: what we send
 * (action, queue URL, attribute names, which credentials sign it) and how each documented error is
 * reported and recovered from.
 */
class SqsScalerFakeAwsTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/queue-reader";
    private static final String QUEUE_URL = "https://sqs.eu-west-1.amazonaws.com/123456789012/orders";

    private static FakeAws aws;
    private static SqsScalerFactory factory;

    @BeforeAll
    static void start() throws Exception {
        aws = new FakeAws();
        factory = new SqsScalerFactory(new SqsClientSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), 1, aws.endpoint()), Map.of());
    }

    @AfterAll
    static void stop() {
        factory.close();
        aws.close();
    }

    @BeforeEach
    void reset() {
        aws.clear();
        aws.answerAttributes(FakeAws.attributes(3, 2, 4));
    }

    private static Triggers onFake() {
        return withKeys().meta("queueURL", QUEUE_URL).meta("awsRegion", "eu-west-1").meta("awsEndpoint", aws.endpoint().toString());
    }

    @Test
    void sendsOneGetQueueAttributesForTheQueueUrlWithOnlyTheNeededAttributes() throws Exception {
        try (Scaler s = factory.create(onFake().meta("scaleOnDelayed", "true").build())) {
            assertThat(aws.requests()).as("creating a scaler must not call AWS").isEmpty();
            assertThat(s.read().value()).isEqualTo(3 + 2 + 4);
        }
        assertThat(aws.requests()).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo("GetQueueAttributes");
            assertThat(r.body()).contains("\"QueueUrl\":\"" + QUEUE_URL + "\"")
                    .contains("ApproximateNumberOfMessages\"", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed");
            assertThat(r.accessKeyId()).isEqualTo(Triggers.ACCESS_KEY_ID);
            assertThat(r.securityToken()).isNull();
        });

        aws.clear();
        try (Scaler s = factory.create(onFake().meta("scaleOnInFlight", "false").build())) {
            assertThat(s.read().value()).isEqualTo(3);
        }
        assertThat(aws.requests("GetQueueAttributes")).singleElement().satisfies(r -> assertThat(r.body())
                .contains("\"AttributeNames\":[\"ApproximateNumberOfMessages\"]"));
    }

    @Test
    void sessionTokenSignsTheRequest() throws Exception {
        try (Scaler s = factory.create(onFake().auth("awsSessionToken", Triggers.TOKEN).build())) {
            s.read();
        }
        assertThat(aws.requests()).singleElement().satisfies(r -> assertThat(r.securityToken()).isEqualTo(Triggers.TOKEN));
    }

    @Test
    void assumesTheRoleWithTheStaticKeysAndReadsWithTheRoleCredentials() throws Exception {
        try (Scaler s = factory.create(onFake().auth("awsRoleArn", ROLE).build())) {
            assertThat(aws.requests()).as("the role is assumed on the first read, not at creation").isEmpty();
            assertThat(s.read().value()).isEqualTo(5);
            assertThat(s.read().value()).isEqualTo(5);
        }
        assertThat(aws.requests("AssumeRole")).as("the assumed credentials are cached until they expire").singleElement().satisfies(r -> {
            assertThat(r.form()).containsEntry("Action", "AssumeRole").containsEntry("RoleArn", ROLE)
                    .containsEntry("RoleSessionName", "ebbflow-aws-sqs-queue");
            assertThat(r.accessKeyId()).isEqualTo(Triggers.ACCESS_KEY_ID);
        });
        assertThat(aws.requests("GetQueueAttributes")).hasSize(2).allSatisfy(r -> {
            assertThat(r.accessKeyId()).isEqualTo(FakeAws.ASSUMED_KEY_ID);
            assertThat(r.securityToken()).isEqualTo(FakeAws.ASSUMED_TOKEN);
        });
    }

    @Test
    void podIdentityAwsReadsWithTheDefaultCredentialsChain() throws Exception {
        // The chain's first link is the aws.accessKeyId / aws.secretAccessKey system properties.
        withSystemCredentials("AKIAOPERATORIDENTITY", () -> {
            Triggers t = Triggers.trigger().provider("aws").meta("queueURL", QUEUE_URL).meta("awsRegion", "eu-west-1")
                    .meta("awsEndpoint", aws.endpoint().toString());
            try (Scaler s = factory.create(t.build())) {
                assertThat(s.read().value()).isEqualTo(5);
            }
            assertThat(aws.requests()).singleElement().satisfies(r -> assertThat(r.accessKeyId()).isEqualTo("AKIAOPERATORIDENTITY"));
        });
    }

    @Test
    void aRoleArnAloneIsAssumedWithTheDefaultCredentialsChain() throws Exception {
        withSystemCredentials("AKIAOPERATORIDENTITY", () -> {
            Triggers t = Triggers.trigger().auth("awsRoleArn", ROLE).meta("queueURL", QUEUE_URL).meta("awsRegion", "eu-west-1")
                    .meta("awsEndpoint", aws.endpoint().toString());
            try (Scaler s = factory.create(t.build())) {
                assertThat(s.read().value()).isEqualTo(5);
            }
            assertThat(aws.requests("AssumeRole")).singleElement().satisfies(r -> assertThat(r.accessKeyId()).isEqualTo("AKIAOPERATORIDENTITY"));
            assertThat(aws.requests("GetQueueAttributes")).singleElement().satisfies(r -> assertThat(r.accessKeyId()).isEqualTo(FakeAws.ASSUMED_KEY_ID));
        });
    }

    private interface Body {
        void run() throws Exception;
    }

    private static void withSystemCredentials(String keyId, Body body) throws Exception {
        System.setProperty("aws.accessKeyId", keyId);
        System.setProperty("aws.secretAccessKey", "operator-secret");
        try {
            body.run();
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    @Test
    void refusedAssumeRoleIsAReadErrorAndTheNextReadRecovers() throws Exception {
        aws.script("AssumeRole", Answer.stsError(403, "AccessDenied",
                "User: arn:aws:iam::123456789012:user/ci is not authorized to perform: sts:AssumeRole on resource: " + ROLE));
        try (Scaler s = factory.create(onFake().auth("awsRoleArn", ROLE).build())) {
            assertThatThrownBy(s::read).isInstanceOf(ScalerException.class)
                    .hasMessageContaining("no AWS credentials to read queue 'orders': AssumeRole of role " + ROLE
                            + " failed: STS answered 403 AccessDenied")
                    .hasMessageNotContaining(Triggers.SECRET);
            assertThat(aws.requests("GetQueueAttributes")).isEmpty();
            assertThat(s.read().value()).isEqualTo(5);
        }
    }

    static Stream<Arguments> documentedErrors() {
        return Stream.of(
                Arguments.of(Answer.sqsError(403, "com.amazon.coral.service#AccessDeniedException", "AccessDenied;Sender",
                        "User: arn:aws:iam::123456789012:user/ci is not authorized to perform: sqs:getqueueattributes"),
                        "refused to read queue 'orders' with access key " + Triggers.ACCESS_KEY_ID + ": 403 AccessDenied"),
                Arguments.of(Answer.sqsError(403, "com.amazon.coral.service#AccessDeniedException", null, "Access to the resource is denied."),
                        "refused to read queue 'orders' with access key " + Triggers.ACCESS_KEY_ID + ": 403 AccessDeniedException"),
                Arguments.of(Answer.sqsError(400, "com.amazon.coral.availability#ThrottlingException", "RequestThrottled;Sender", "Rate exceeded"),
                        "throttled the read of queue 'orders': 400 RequestThrottled: Rate exceeded"),
                Arguments.of(Answer.sqsError(400, "com.amazon.coral.availability#ThrottlingException", null, "Rate exceeded"),
                        "throttled the read of queue 'orders': 400 ThrottlingException: Rate exceeded"),
                Arguments.of(Answer.sqsError(400, "com.amazonaws.sqs#QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue;Sender",
                        "The specified queue does not exist."), "queue 'orders' does not exist at " + "ENDPOINT"),
                Arguments.of(Answer.sqsError(400, "com.amazonaws.sqs#QueueDoesNotExist", null, "The specified queue does not exist."),
                        "queue 'orders' does not exist at ENDPOINT (QueueDoesNotExist)"),
                Arguments.of(Answer.sqsError(500, "com.amazonaws.sqs#InternalError", null, "We encountered an internal error."),
                        "failed to read queue 'orders': 500 InternalError"));
    }

    @ParameterizedTest
    @MethodSource("documentedErrors")
    void eachDocumentedErrorIsAClearReadErrorAndTheNextReadRecovers(Answer error, String expected) throws Exception {
        aws.script("GetQueueAttributes", error);
        try (Scaler s = factory.create(onFake().build())) {
            assertThatThrownBy(s::read).isInstanceOf(ScalerException.class)
                    .hasMessageContaining(expected.replace("ENDPOINT", aws.endpoint().toString()))
                    .hasMessageNotContaining(Triggers.SECRET);
            assertThat(s.read().value()).isEqualTo(5);
        }
    }

    @Test
    void theSdkRetriesAThrottledCallWithinOneReadWhenAllowed() throws Exception {
        aws.script("GetQueueAttributes", Answer.sqsError(400, "com.amazon.coral.availability#ThrottlingException", "RequestThrottled;Sender", "Rate exceeded"));
        try (SqsScalerFactory retrying = new SqsScalerFactory(new SqsClientSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), 2, null), Map.of());
                Scaler s = retrying.create(onFake().build())) {
            assertThat(s.read().value()).isEqualTo(5);
        }
        assertThat(aws.requests("GetQueueAttributes")).hasSize(2);
    }

    @Test
    void aHungEndpointIsATimeoutErrorAndTheNextReadRecovers() throws Exception {
        aws.script("GetQueueAttributes", Answer.stall(Duration.ofSeconds(3)));
        try (SqsScalerFactory impatient = new SqsScalerFactory(new SqsClientSettings(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofMillis(500), 1, null), Map.of());
                Scaler s = impatient.create(onFake().build())) {
            assertThatThrownBy(s::read).isInstanceOf(ScalerException.class)
                    .hasMessage("SQS at " + aws.endpoint() + " did not answer in time for queue 'orders'");
            assertThat(s.read().value()).isEqualTo(5);
        }
    }

    @Test
    void anEchoedSessionTokenNeverReachesTheMessage() throws Exception {
        aws.script("GetQueueAttributes", Answer.sqsError(403, "com.amazon.coral.service#InvalidSignatureException", "SignatureDoesNotMatch;Sender",
                "The request signature we calculated does not match. Canonical request: x-amz-security-token:" + Triggers.TOKEN));
        try (Scaler s = factory.create(onFake().auth("awsSessionToken", Triggers.TOKEN).build())) {
            assertThatThrownBy(s::read).isInstanceOf(ScalerException.class)
                    .hasMessageContaining("403 SignatureDoesNotMatch")
                    .hasMessageContaining("x-amz-security-token:***")
                    .hasMessageNotContaining(Triggers.TOKEN);
        }
    }

    @Test
    void anAnswerWithoutTheCountsIsAReadError() throws Exception {
        aws.answerAttributes("{\"Attributes\":{\"ApproximateNumberOfMessages\":\"3\"}}");
        try (Scaler s = factory.create(onFake().build())) {
            assertThatThrownBy(s::read).isInstanceOf(ScalerException.class).hasMessageContaining("ApproximateNumberOfMessagesNotVisible");
        }
    }

    @Test
    void aBareQueueNameIsResolvedOnceWithGetQueueUrl() throws Exception {
        try (Scaler s = factory.create(onFake().meta("queueURL", "orders").build())) {
            s.read();
            s.read();
        }
        assertThat(aws.requests("GetQueueUrl")).singleElement().satisfies(r -> assertThat(r.body()).contains("\"QueueName\":\"orders\""));
        assertThat(aws.requests("GetQueueAttributes")).hasSize(2)
                .allSatisfy(r -> assertThat(r.body()).contains("\"QueueUrl\":\"" + aws.endpoint() + "/123456789012/orders\""));
    }

    @Test
    void aBareQueueNameIsSentAsTheQueueUrlWhenGetQueueUrlIsNotAllowed() throws Exception {
        aws.script("GetQueueUrl", Answer.sqsError(403, "com.amazon.coral.service#AccessDeniedException", "AccessDenied;Sender", "not authorized"));
        try (Scaler s = factory.create(onFake().meta("queueURL", "orders").build())) {
            assertThat(s.read().value()).isEqualTo(5);
            assertThat(s.read().value()).isEqualTo(5);
        }
        assertThat(aws.requests("GetQueueUrl")).hasSize(1);
        assertThat(aws.requests("GetQueueAttributes")).hasSize(2).allSatisfy(r -> assertThat(r.body()).contains("\"QueueUrl\":\"orders\""));
    }
}
