package dev.ebbflow.scalers.rabbitmq;

import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.scalers.AggregationOperation;
import dev.ebbflow.scalers.MetricTargetType;
import dev.ebbflow.scalers.ScalerConfigException;
import dev.ebbflow.scalers.TriggerConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RabbitMqMetadataParserTest {

    private static final String SECRET = "s3cr3t-Pa55";
    private static final String AMQP = "amqp://user:" + SECRET + "@broker.example:5672/orders-vhost";
    private static final String HTTP = "http://user:" + SECRET + "@broker.example:15672/mgmt/orders-vhost";

    static TriggerConfig trigger(Map<String, String> metadata, Map<String, String> auth) {
        return new TriggerConfig(0, "rabbitmq", null, metadata, auth, null, MetricTargetType.AVERAGE_VALUE);
    }

    static Map<String, String> meta(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static RabbitMqMetadata parse(String... kv) throws ScalerConfigException {
        return RabbitMqMetadataParser.parse(trigger(meta(kv), Map.of()));
    }

    static ScalerConfigException failure(Map<String, String> metadata, Map<String, String> auth) {
        try {
            RabbitMqMetadataParser.parse(trigger(metadata, auth));
        } catch (ScalerConfigException e) {
            assertThat(e.getMessage()).doesNotContain(SECRET).startsWith(e.field());
            return e;
        }
        throw new AssertionError("expected a ScalerConfigException for " + metadata);
    }

    static ScalerConfigException failure(String... kv) {
        return failure(meta(kv), Map.of());
    }

    @Test
    void defaultsFollowKeda() throws Exception {
        RabbitMqMetadata m = parse("host", AMQP, "queueName", "orders");
        assertThat(m.protocol()).isEqualTo(Protocol.AMQP);
        assertThat(m.mode()).isEqualTo(Mode.QUEUE_LENGTH);
        assertThat(m.value()).isEqualTo(20);
        assertThat(m.activationValue()).isZero();
        assertThat(m.vhost()).isEqualTo("orders-vhost");
        assertThat(m.credentials()).isEqualTo(new Credentials("user", SECRET));
        assertThat(m.useRegex()).isFalse();
        assertThat(m.operation()).isEqualTo(AggregationOperation.SUM);
        assertThat(m.pageSize()).isEqualTo(100);
        assertThat(m.excludeUnacknowledged()).isFalse();
        assertThat(m.timeout()).isEqualTo(Duration.ofMillis(3000));
        assertThat(m.tls()).isEqualTo(TlsSettings.DEFAULT);
        assertThat(m.toString()).doesNotContain(SECRET);
    }

    @Test
    void modeAndValueWithActivation() throws Exception {
        RabbitMqMetadata m = parse("host", HTTP, "queueName", "q", "mode", "MessageRate", "value", "100.5", "activationValue", "10.5");
        assertThat(m.protocol()).isEqualTo(Protocol.HTTP);
        assertThat(m.mode()).isEqualTo(Mode.MESSAGE_RATE);
        assertThat(m.value()).isEqualTo(100.5);
        assertThat(m.activationValue()).isEqualTo(10.5);
    }

    @Test
    void legacyQueueLengthIsQueueLengthModeWithThatValue() throws Exception {
        RabbitMqMetadata m = parse("host", AMQP, "queueName", "q", "queueLength", "7");
        assertThat(m.mode()).isEqualTo(Mode.QUEUE_LENGTH);
        assertThat(m.value()).isEqualTo(7);
    }

    @Test
    void hostFromTriggerAuthentication() throws Exception {
        RabbitMqMetadata m = RabbitMqMetadataParser.parse(trigger(meta("queueName", "q"), Map.of("host", HTTP)));
        assertThat(m.broker().host()).isEqualTo("broker.example");
        assertThat(m.broker().httpPathPrefix()).isEqualTo("/mgmt");
        assertThat(m.vhost()).isEqualTo("orders-vhost");
    }

    @Test
    void usernameAndPasswordParametersOverrideTheUrl() throws Exception {
        RabbitMqMetadata m = RabbitMqMetadataParser.parse(trigger(meta("queueName", "q", "host", AMQP),
                Map.of("username", "other", "password", "other-pass")));
        assertThat(m.credentials()).isEqualTo(new Credentials("other", "other-pass"));
        assertThat(m.toString()).doesNotContain("other-pass");
    }

    @Test
    void usernameAndPasswordGoTogether() {
        assertThat(failure(meta("queueName", "q", "host", AMQP), Map.of("username", "other")).field()).isEqualTo("metadata.password");
        assertThat(failure(meta("queueName", "q", "host", AMQP), Map.of("password", "other-pass")).field()).isEqualTo("metadata.username");
    }

    @ParameterizedTest
    @ValueSource(strings = {"oauthTokenURI", "scope", "clientID", "clientSecret", "EndpointParams", "workloadIdentityResource"})
    void oauthParametersAreRefusedNotIgnored(String key) {
        ScalerConfigException e = failure(meta("queueName", "q", "host", HTTP), Map.of(key, "x"));
        assertThat(e.field()).isEqualTo("metadata." + key);
        assertThat(e.getMessage()).contains("not supported");
    }

    @Test
    void workloadIdentityIsRefusedNamingTheAuthentication() {
        TriggerConfig c = new TriggerConfig(0, "rabbitmq", null, meta("queueName", "q", "host", HTTP), Map.of(), "azure-workload",
                MetricTargetType.AVERAGE_VALUE);
        assertThatThrownBy(() -> RabbitMqMetadataParser.parse(c)).isInstanceOf(ScalerConfigException.class)
                .hasMessageContaining("spec.podIdentity.provider 'azure-workload'");
    }

    @Test
    void aClientCertificateOverAmqpsLogsInWithSaslExternal() throws Exception {
        RabbitMqMetadata m = RabbitMqMetadataParser.parse(trigger(meta("queueName", "q", "host", "amqps://broker.example:5671/v"),
                Map.of("tls", "enable", "cert", SslContextsTest.SERVER_CERT, "key", SslContextsTest.SERVER_KEY)));
        try (AmqpConnectionPool pool = new AmqpConnectionPool(AmqpConnectionPool.Settings.DEFAULT, java.time.Clock.systemUTC())) {
            javax.net.ssl.SSLContext ssl = SslContexts.build(m.tls());
            assertThat(pool.connectionFactory(m, ssl).getSaslConfig()).isSameAs(com.rabbitmq.client.DefaultSaslConfig.EXTERNAL);
            RabbitMqMetadata withoutCert = RabbitMqMetadataParser.parse(trigger(meta("queueName", "q", "host", "amqps://u:p@broker.example:5671/v"),
                    Map.of("tls", "enable")));
            assertThat(pool.connectionFactory(withoutCert, ssl).getSaslConfig()).isNotSameAs(com.rabbitmq.client.DefaultSaslConfig.EXTERNAL);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "amqp://h:5672, /",
        "amqp://h:5672/, /",
        "amqp://h:5672/%2F, /",
        "amqp://h:5672/v1, v1",
        "http://h:15672, /",
        "http://h:15672/, /",
        "http://h:15672//, /",
        "http://h:15672/%2F, /",
        "http://h:15672/v1, v1",
        "http://h:15672/prefix/v1, v1",
    })
    void vhostFromTheUrl(String host, String vhost) throws Exception {
        assertThat(parse("host", host, "queueName", "q").vhost()).isEqualTo(vhost);
    }

    @Test
    void vhostNameOverridesTheUrl() throws Exception {
        assertThat(parse("host", AMQP, "queueName", "q", "vhostName", "other").vhost()).isEqualTo("other");
        assertThat(parse("host", HTTP, "queueName", "q", "vhostName", "/").vhost()).isEqualTo("/");
        assertThat(parse("host", HTTP, "queueName", "q", "vhostName", "").vhost()).isEqualTo("orders-vhost");
    }

    @Test
    void protocolAutoFollowsTheScheme() throws Exception {
        assertThat(parse("host", "amqps://h/", "queueName", "q").protocol()).isEqualTo(Protocol.AMQP);
        assertThat(parse("host", "https://h/", "queueName", "q").protocol()).isEqualTo(Protocol.HTTP);
        assertThat(parse("host", "https://h/", "queueName", "q", "protocol", "http").protocol()).isEqualTo(Protocol.HTTP);
        assertThat(parse("host", "amqp://h/", "queueName", "q", "protocol", "auto").protocol()).isEqualTo(Protocol.AMQP);
    }

    @Test
    void regexOptions() throws Exception {
        RabbitMqMetadata m = parse("host", HTTP, "queueName", "^orders.*", "useRegex", "true", "operation", "max", "pageSize", "10",
                "excludeUnacknowledged", "true", "timeout", "1500", "unsafeSsl", "true");
        assertThat(m.useRegex()).isTrue();
        assertThat(m.operation()).isEqualTo(AggregationOperation.MAX);
        assertThat(m.pageSize()).isEqualTo(10);
        assertThat(m.excludeUnacknowledged()).isTrue();
        assertThat(m.timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(m.tls().unsafeSsl()).isTrue();
        assertThat(parse("host", HTTP, "queueName", "q", "operation", "avg").operation()).isEqualTo(AggregationOperation.AVG);
        assertThat(parse("host", HTTP, "queueName", "q", "useRegex", "True").useRegex()).isTrue();
    }

    @Test
    void tlsParametersFromTheTriggerAuthentication() throws Exception {
        RabbitMqMetadata m = RabbitMqMetadataParser.parse(trigger(meta("queueName", "q", "host", "amqps://h:5671/"),
                Map.of("tls", "enable", "ca", "CA", "cert", "CERT", "key", "KEY", "keyPassword", "KP")));
        assertThat(m.tls()).isEqualTo(new TlsSettings(true, "CA", "CERT", "KEY", "KP", false));
        assertThat(m.toString()).doesNotContain("KEY").doesNotContain("KP");
        RabbitMqMetadata caOnly = RabbitMqMetadataParser.parse(trigger(meta("queueName", "q", "host", "amqps://h:5671/"),
                Map.of("tls", "enable", "ca", "CA")));
        assertThat(caOnly.tls().ca()).isEqualTo("CA");
        RabbitMqMetadata disabled = RabbitMqMetadataParser.parse(trigger(meta("queueName", "q", "host", "amqps://h:5671/"),
                Map.of("tls", "disable", "ca", "CA")));
        assertThat(disabled.tls().enabled()).isFalse();
    }

    @Test
    void missingHostOrQueue() {
        assertThat(failure("queueName", "q").field()).isEqualTo("metadata.host");
        assertThat(failure("host", AMQP).field()).isEqualTo("metadata.queueName");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ftp://user:s3cr3t-Pa55@h/",
        "amqp://user:s3cr3t-Pa55@/vhost",
        "amqp://user:s3cr3t-Pa55@h:5672/a b",
        "user:s3cr3t-Pa55@h:5672",
    })
    void malformedHostNamesTheFieldWithoutTheSecret(String host) {
        ScalerConfigException e = failure("host", host, "queueName", "q");
        assertThat(e.field()).isEqualTo("metadata.host");
    }

    @Test
    void kedaRulesOnModeValueAndQueueLength() {
        assertThat(failure("host", AMQP, "queueName", "q", "queueLength", "10", "mode", "QueueLength").field()).isEqualTo("metadata.queueLength");
        assertThat(failure("host", AMQP, "queueName", "q", "queueLength", "10", "value", "20").field()).isEqualTo("metadata.queueLength");
        assertThat(failure("host", AMQP, "queueName", "q", "mode", "QueueLength").field()).isEqualTo("metadata.value");
        assertThat(failure("host", AMQP, "queueName", "q", "value", "20").field()).isEqualTo("metadata.mode");
        assertThat(failure("host", AMQP, "queueName", "q", "mode", "Feelings", "value", "20").field()).isEqualTo("metadata.mode");
        assertThat(failure("host", AMQP, "queueName", "q", "mode", "QueueLength", "value", "lots").field()).isEqualTo("metadata.value");
        assertThat(failure("host", AMQP, "queueName", "q", "mode", "QueueLength", "value", "0").field()).isEqualTo("metadata.value");
        assertThat(failure("host", AMQP, "queueName", "q", "queueLength", "AA").field()).isEqualTo("metadata.queueLength");
        assertThat(failure("host", AMQP, "queueName", "q", "activationValue", "AA").field()).isEqualTo("metadata.activationValue");
        assertThat(failure("host", AMQP, "queueName", "q", "activationValue", "-1").field()).isEqualTo("metadata.activationValue");
        assertThat(failure("host", AMQP, "queueName", "q", "value", "NaN", "mode", "QueueLength").field()).isEqualTo("metadata.value");
    }

    @Test
    void everyModeKedaDocumentsParsesOverHttp() throws Exception {
        Map<String, Mode> modes = Map.of("QueueLength", Mode.QUEUE_LENGTH, "MessageRate", Mode.MESSAGE_RATE,
                "DeliverGetRate", Mode.DELIVER_GET_RATE, "PublishedToDeliveredRatio", Mode.PUBLISHED_TO_DELIVERED_RATIO,
                "ExpectedQueueConsumptionTime", Mode.EXPECTED_QUEUE_CONSUMPTION_TIME);
        for (Map.Entry<String, Mode> e : modes.entrySet()) {
            RabbitMqMetadata m = parse("host", HTTP, "queueName", "q", "mode", e.getKey(), "value", "1.2");
            assertThat(m.mode()).isEqualTo(e.getValue());
            assertThat(m.value()).isEqualTo(1.2);
        }
        assertThat(failure("host", HTTP, "queueName", "q", "mode", "deliverGetRate", "value", "1").getMessage())
                .as("KEDA spells modes with their case").isEqualTo("metadata.mode must be one of QueueLength, MessageRate, DeliverGetRate, "
                        + "PublishedToDeliveredRatio, ExpectedQueueConsumptionTime, got 'deliverGetRate'");
    }

    @Test
    void httpOnlyFeaturesAreRefusedOverAmqp() {
        for (String rateMode : new String[] {"MessageRate", "DeliverGetRate", "PublishedToDeliveredRatio", "ExpectedQueueConsumptionTime"}) {
            ScalerConfigException e = failure("host", AMQP, "queueName", "q", "mode", rateMode, "value", "10");
            assertThat(e.field()).isEqualTo("metadata.mode");
            assertThat(e.getMessage()).isEqualTo("metadata.mode " + rateMode + " needs the http protocol (the management API reports rates; AMQP does not)");
        }
        assertThat(failure("host", AMQP, "queueName", "q", "useRegex", "true").field()).isEqualTo("metadata.useRegex");
        assertThat(failure("host", AMQP, "queueName", "q", "excludeUnacknowledged", "true").field()).isEqualTo("metadata.excludeUnacknowledged");
        assertThat(failure("host", AMQP, "queueName", "q", "timeout", "1000").field()).isEqualTo("metadata.timeout");
    }

    @Test
    void protocolErrors() {
        assertThat(failure("host", AMQP, "queueName", "q", "protocol", "stomp").field()).isEqualTo("metadata.protocol");
        assertThat(failure("host", AMQP, "queueName", "q", "protocol", "http").field()).isEqualTo("metadata.protocol");
        assertThat(failure("host", HTTP, "queueName", "q", "protocol", "amqp").field()).isEqualTo("metadata.protocol");
    }

    @Test
    void numericAndBooleanErrors() {
        assertThat(failure("host", HTTP, "queueName", "q", "timeout", "-10").field()).isEqualTo("metadata.timeout");
        assertThat(failure("host", HTTP, "queueName", "q", "timeout", "error").field()).isEqualTo("metadata.timeout");
        assertThat(failure("host", HTTP, "queueName", "q", "useRegex", "true", "pageSize", "0").field()).isEqualTo("metadata.pageSize");
        assertThat(failure("host", HTTP, "queueName", "q", "useRegex", "true", "pageSize", "a").field()).isEqualTo("metadata.pageSize");
        assertThat(failure("host", HTTP, "queueName", "q", "useRegex", "yes").field()).isEqualTo("metadata.useRegex");
        assertThat(failure("host", HTTP, "queueName", "q", "excludeUnacknowledged", "maybe").field()).isEqualTo("metadata.excludeUnacknowledged");
        assertThat(failure("host", HTTP, "queueName", "q", "unsafeSsl", "random").field()).isEqualTo("metadata.unsafeSsl");
        assertThat(failure("host", HTTP, "queueName", "q", "operation", "median").field()).isEqualTo("metadata.operation");
    }

    @Test
    void tlsErrors() {
        assertThat(failure(meta("host", "amqps://h/", "queueName", "q"), Map.of("tls", "yes")).field()).isEqualTo("metadata.tls");
        assertThat(failure(meta("host", "amqps://h/", "queueName", "q"), Map.of("tls", "enable", "ca", "CA", "key", "K")).field()).isEqualTo("metadata.cert");
        assertThat(failure(meta("host", "amqps://h/", "queueName", "q"), Map.of("tls", "enable", "ca", "CA", "cert", "C")).field()).isEqualTo("metadata.key");
    }

    @Test
    void triggerConfigOfARabbitMqTriggerPrintsNoPassword() {
        String printed = trigger(meta("host", AMQP, "queueName", "q"), Map.of("password", SECRET)).toString();
        assertThat(printed).doesNotContain(SECRET).contains("amqp://user:***@broker.example:5672/orders-vhost");
    }

    @Test
    void passwordNeverAppearsInAnyError() {
        // the host carries the secret in every case; failure() checks each message
        failure("host", AMQP, "queueName", "q", "mode", "MessageRate", "value", "1");
        failure("host", "amqp://user:" + SECRET + "@broker.example:notaport/", "queueName", "q");
        failure(meta("host", AMQP, "queueName", "q"), Map.of("password", SECRET, "tls", SECRET));
    }
}
