package dev.ebbflow.scalers.sqs;

import static dev.ebbflow.scalers.sqs.Triggers.trigger;
import static dev.ebbflow.scalers.sqs.Triggers.withKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.scalers.ScalerConfigException;
import dev.ebbflow.scalers.ScalerRegistry;
import dev.ebbflow.scalers.sqs.AwsAuthentication.Source;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqsMetadataParserTest {

    private static final String URL = "https://sqs.eu-west-1.amazonaws.com/123456789012/orders";
    private static final String ROLE = "arn:aws:iam::123456789012:role/queue-reader";

    private static Triggers valid() {
        return withKeys().meta("queueURL", URL).meta("awsRegion", "eu-west-1");
    }

    private static void assertRejected(Triggers t, String field, String messagePart) {
        assertThatThrownBy(() -> SqsMetadataParser.parse(t.build()))
                .isInstanceOfSatisfying(ScalerConfigException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).startsWith(field).contains(messagePart)
                            .doesNotContain(Triggers.SECRET).doesNotContain(Triggers.TOKEN);
                });
    }

    @Test
    void kedaDefaults() throws Exception {
        SqsMetadata m = SqsMetadataParser.parse(valid().build());
        assertThat(m.queueUrl()).isEqualTo(URL);
        assertThat(m.queueName()).isEqualTo("orders");
        assertThat(m.byName()).isFalse();
        assertThat(m.region()).isEqualTo("eu-west-1");
        assertThat(m.endpoint()).isNull();
        assertThat(m.queueLength()).isEqualTo(5);
        assertThat(m.activationQueueLength()).isZero();
        assertThat(m.scaleOnInFlight()).isTrue();
        assertThat(m.scaleOnDelayed()).isFalse();
        assertThat(m.authentication()).isEqualTo(AwsAuthentication.staticKeys(Triggers.ACCESS_KEY_ID, Triggers.SECRET, null, null));
    }

    @Test
    void everyFieldAsWritten() throws Exception {
        SqsMetadata m = SqsMetadataParser.parse(valid().meta("queueURL", "orders.fifo").meta("queueLength", "20").meta("activationQueueLength", "3")
                .meta("scaleOnInFlight", "false").meta("scaleOnDelayed", "true").meta("awsEndpoint", "http://127.0.0.1:9324")
                .auth("awsSessionToken", Triggers.TOKEN).build());
        assertThat(m.queueName()).isEqualTo("orders.fifo");
        assertThat(m.byName()).isTrue();
        assertThat(m.queueLength()).isEqualTo(20);
        assertThat(m.activationQueueLength()).isEqualTo(3);
        assertThat(m.scaleOnInFlight()).isFalse();
        assertThat(m.scaleOnDelayed()).isTrue();
        assertThat(m.endpoint()).isEqualTo(URI.create("http://127.0.0.1:9324"));
        assertThat(m.authentication().sessionToken()).isEqualTo(Triggers.TOKEN);
    }

    @Test
    void queueNamesFromUrls() throws Exception {
        assertThat(SqsMetadataParser.queueName("http://127.0.0.1:9324/000000000000/jobs_1")).isEqualTo("jobs_1");
        assertThat(SqsMetadataParser.queueName("https://sqs.us-gov-west-1.amazonaws.com/123456789012/a-b.fifo")).isEqualTo("a-b.fifo");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://sqs.eu-west-1.amazonaws.com/orders", "https://sqs.eu-west-1.amazonaws.com/1/2/orders",
        "https://sqs.eu-west-1.amazonaws.com/123456789012/", "ftp://sqs.eu-west-1.amazonaws.com/123456789012/orders", "https:///123/orders",
        "https://sqs.eu-west-1.amazonaws.com/123456789012/bad name", "https://user:pw@sqs.eu-west-1.amazonaws.com/123456789012/orders",
        "https://sqs.eu-west-1.amazonaws.com/123456789012/orders$", "orders/with/slashes", "bad name", "sqs.eu-west-1.amazonaws.com/1/orders"})
    void malformedQueueUrlsNameTheField(String url) {
        assertRejected(valid().meta("queueURL", url), "metadata.queueURL", "");
    }

    @Test
    void aQueueNameLongerThanSqsAllowsIsRejected() {
        assertRejected(valid().meta("queueURL", "q".repeat(81)), "metadata.queueURL", "queue name");
    }

    @Test
    void missingOrMalformedFieldsAreNamed() {
        assertRejected(withKeys().meta("awsRegion", "eu-west-1"), "metadata.queueURL", "is required");
        assertRejected(withKeys().meta("queueURL", URL), "metadata.awsRegion", "is required");
        assertRejected(valid().meta("awsRegion", "EU West 1"), "metadata.awsRegion", "not an AWS region");
        assertRejected(valid().meta("queueLength", "five"), "metadata.queueLength", "must be a whole number, got 'five'");
        assertRejected(valid().meta("queueLength", "2.5"), "metadata.queueLength", "whole number");
        assertRejected(valid().meta("queueLength", "0"), "metadata.queueLength", "at least 1");
        assertRejected(valid().meta("activationQueueLength", "x"), "metadata.activationQueueLength", "whole number");
        assertRejected(valid().meta("activationQueueLength", "-1"), "metadata.activationQueueLength", "must be at least 0");
        assertRejected(valid().meta("scaleOnInFlight", "maybe"), "metadata.scaleOnInFlight", "true or false");
        assertRejected(valid().meta("scaleOnDelayed", "2"), "metadata.scaleOnDelayed", "true or false");
        assertRejected(valid().meta("awsEndpoint", "localhost:9324"), "metadata.awsEndpoint", "absolute http(s) URL");
        assertRejected(valid().meta("awsEndpoint", "http://a b"), "metadata.awsEndpoint", "not a valid URL");
        assertRejected(valid().meta("identityOwner", "nobody"), "metadata.identityOwner", "pod or operator");
        assertRejected(valid().meta("identityOwner", "workload"), "metadata.identityOwner", "spec.podIdentity.identityOwner");
    }

    @Test
    void staticKeysWithARoleToAssume() throws Exception {
        AwsAuthentication a = SqsMetadataParser.parse(valid().auth("awsRoleArn", ROLE).build()).authentication();
        assertThat(a.source()).isEqualTo(Source.STATIC_KEYS);
        assertThat(a.roleArn()).isEqualTo(ROLE);
    }

    @Test
    void roleArnAloneAssumesTheRoleWithTheOperatorsCredentials() throws Exception {
        AwsAuthentication a = SqsMetadataParser.parse(trigger().meta("queueURL", URL).meta("awsRegion", "eu-west-1").auth("awsRoleArn", ROLE).build())
                .authentication();
        assertThat(a).isEqualTo(AwsAuthentication.defaultChain(ROLE));
    }

    @Test
    void podIdentityAwsUsesTheDefaultChain() throws Exception {
        Triggers t = trigger().meta("queueURL", URL).meta("awsRegion", "eu-west-1").provider("aws");
        assertThat(SqsMetadataParser.parse(t.build()).authentication()).isEqualTo(AwsAuthentication.defaultChain(null));
        assertThat(SqsMetadataParser.parse(t.auth("awsRoleArn", ROLE).build()).authentication()).isEqualTo(AwsAuthentication.defaultChain(ROLE));
        assertThat(SqsMetadataParser.parse(t.provider("aws-eks").build()).authentication()).isEqualTo(AwsAuthentication.defaultChain(ROLE));
    }

    @Test
    void theKeyIdIsAlsoReadAsAwsAccessKeyId() throws Exception {
        Triggers t = trigger().meta("queueURL", URL).meta("awsRegion", "eu-west-1")
                .auth("awsAccessKeyId", Triggers.ACCESS_KEY_ID).auth("awsSecretAccessKey", Triggers.SECRET);
        assertThat(SqsMetadataParser.parse(t.build()).authentication())
                .isEqualTo(AwsAuthentication.staticKeys(Triggers.ACCESS_KEY_ID, Triggers.SECRET, null, null));
    }

    @Test
    void identityOwnerOperatorNeedsNoAuthentication() throws Exception {
        Triggers t = trigger().meta("queueURL", URL).meta("awsRegion", "eu-west-1").meta("identityOwner", "operator");
        assertThat(SqsMetadataParser.parse(t.build()).authentication()).isEqualTo(AwsAuthentication.defaultChain(null));
    }

    @Test
    void authenticationErrorsNameTheParameterNeverItsValue() {
        Triggers base = trigger().meta("queueURL", URL).meta("awsRegion", "eu-west-1");
        assertRejected(base, "authenticationRef", "no AWS credentials");
        assertRejected(trigger().meta("queueURL", URL).meta("awsRegion", "eu-west-1").auth("awsAccessKeyID", Triggers.ACCESS_KEY_ID),
                "authenticationRef", "awsSecretAccessKey is required");
        assertRejected(trigger().meta("queueURL", URL).meta("awsRegion", "eu-west-1").auth("awsSecretAccessKey", Triggers.SECRET),
                "authenticationRef", "awsAccessKeyID is required");
        assertRejected(trigger().meta("queueURL", URL).meta("awsRegion", "eu-west-1").auth("awsSessionToken", Triggers.TOKEN),
                "authenticationRef", "awsSessionToken needs");
        assertRejected(valid().auth("awsRoleArn", "queue-reader"), "authenticationRef", "not an IAM role ARN");
    }

    @Test
    void removedAndForeignIdentityProvidersAreRejectedNamingTheProviderField() {
        Triggers base = trigger().meta("queueURL", URL).meta("awsRegion", "eu-west-1");
        assertRejected(base.provider("aws-kiam"), "authenticationRef", "spec.podIdentity.provider 'aws-kiam'");
        assertRejected(base.provider("azure-workload"), "authenticationRef", "spec.podIdentity.provider 'azure-workload'");
    }

    @Test
    void credentialsAreReadFromTheTriggerAuthenticationOnly() {
        Triggers inMetadata = trigger().meta("queueURL", URL).meta("awsRegion", "eu-west-1")
                .meta("awsAccessKeyID", Triggers.ACCESS_KEY_ID).meta("awsSecretAccessKey", Triggers.SECRET);
        assertRejected(inMetadata, "authenticationRef", "no AWS credentials");
    }

    @Test
    void nothingPrintableHoldsASecret() throws Exception {
        var config = valid().auth("awsSessionToken", Triggers.TOKEN).auth("awsRoleArn", ROLE).build();
        SqsMetadata m = SqsMetadataParser.parse(config);
        assertThat(m.toString()).contains(Triggers.ACCESS_KEY_ID, ROLE).doesNotContain(Triggers.SECRET).doesNotContain(Triggers.TOKEN);
        assertThat(config.toString()).doesNotContain(Triggers.SECRET).doesNotContain(Triggers.TOKEN);
        assertThat(SqsClientPool.key(m).toString()).doesNotContain(Triggers.SECRET).doesNotContain(Triggers.TOKEN);
    }

    @Test
    void clientsAreKeyedByRegionEndpointAndEveryCredentialPart() throws Exception {
        SqsMetadata base = SqsMetadataParser.parse(valid().build());
        assertThat(SqsClientPool.key(SqsMetadataParser.parse(valid().meta("queueURL", "other").meta("queueLength", "9").build())))
                .as("queue and targets do not matter").isEqualTo(SqsClientPool.key(base));
        for (Triggers other : new Triggers[] {valid().meta("awsRegion", "us-east-1"), valid().meta("awsEndpoint", "http://127.0.0.1:1"),
            valid().auth("awsSecretAccessKey", "other"), valid().auth("awsSessionToken", "t"), valid().auth("awsRoleArn", ROLE)}) {
            assertThat(SqsClientPool.key(SqsMetadataParser.parse(other.build()))).isNotEqualTo(SqsClientPool.key(base));
        }
    }

    @Test
    void metricNameFollowsKeda() {
        assertThat(SqsScalerFactory.metricName(0, "orders")).isEqualTo("s0-aws-sqs-orders");
        assertThat(SqsScalerFactory.metricName(3, "jobs.fifo")).isEqualTo("s3-aws-sqs-jobs-fifo");
    }

    @Test
    void registeredForServiceLoading() {
        try (ScalerRegistry registry = ScalerRegistry.loadInstalled()) {
            assertThat(registry.types()).contains("aws-sqs-queue", "rabbitmq");
        }
    }
}
