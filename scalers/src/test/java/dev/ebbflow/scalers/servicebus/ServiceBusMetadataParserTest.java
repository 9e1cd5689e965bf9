package dev.ebbflow.scalers.servicebus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.scalers.AggregationOperation;
import dev.ebbflow.scalers.ScalerConfigException;
import dev.ebbflow.scalers.TriggerConfig;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceBusMetadataParserTest {

    private static final String SECRET = "U2VjcmV0S2V5VGhhdE11c3ROb3RMZWFr";
    private static final String CONNECTION = "Endpoint=sb://orders-ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=" + SECRET;

    static Map<String, String> meta(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static ServiceBusMetadata parse(Map<String, String> metadata, Map<String, String> auth, String provider) throws ScalerConfigException {
        return ServiceBusMetadataParser.parse(new TriggerConfig(0, "azure-servicebus", null, metadata, auth, provider, null));
    }

    static ServiceBusMetadata parse(String... kv) throws ScalerConfigException {
        return parse(meta(kv), Map.of("connection", CONNECTION), null);
    }

    static ScalerConfigException failure(Map<String, String> metadata, Map<String, String> auth, String provider) {
        try {
            parse(metadata, auth, provider);
        } catch (ScalerConfigException e) {
            assertThat(e.getMessage()).startsWith(e.field()).doesNotContain(SECRET);
            return e;
        }
        throw new AssertionError("expected a ScalerConfigException for " + metadata);
    }

    static ScalerConfigException failure(String... kv) {
        return failure(meta(kv), Map.of("connection", CONNECTION), null);
    }

    static ScalerConfigException connectionFailure(String connection) {
        return failure(meta("queueName", "q"), Map.of("connection", connection), null);
    }

    @Test
    void messageCountZeroIsAcceptedAsKedaDoes() throws Exception {
        assertThat(parse("queueName", "orders", "messageCount", "0").messageCount()).isZero();
        assertThat(failure("queueName", "q", "messageCount", "-1").getMessage()).isEqualTo("metadata.messageCount must be at least 0, got -1");
    }

    @Test
    void queueWithKedaDefaults() throws Exception {
        ServiceBusMetadata m = parse("queueName", "orders");
        assertThat(m.isQueue()).isTrue();
        assertThat(m.metricEntity()).isEqualTo("orders");
        assertThat(m.messageCount()).isEqualTo(5);
        assertThat(m.activationMessageCount()).isZero();
        assertThat(m.useRegex()).isFalse();
        assertThat(m.operation()).isEqualTo(AggregationOperation.SUM);
        assertThat(m.authority()).isEqualTo("orders-ns.servicebus.windows.net");
        assertThat(m.auth()).isEqualTo(new ServiceBusAuth.SharedKey("RootManageSharedAccessKey", SECRET));
        assertThat(m.toString()).doesNotContain(SECRET);
    }

    @Test
    void topicSubscriptionWithCountsAndRegex() throws Exception {
        ServiceBusMetadata m = parse("topicName", "events", "subscriptionName", "^worker-", "messageCount", "20",
                "activationMessageCount", "3", "useRegex", "true", "operation", "avg");
        assertThat(m.isQueue()).isFalse();
        assertThat(m.metricEntity()).isEqualTo("events");
        assertThat(m.messageCount()).isEqualTo(20);
        assertThat(m.activationMessageCount()).isEqualTo(3);
        assertThat(m.namePattern().pattern()).isEqualTo("^worker-");
        assertThat(m.operation()).isEqualTo(AggregationOperation.AVG);
        assertThat(ServiceBusScalerFactory.metricName(2, m)).isEqualTo("s2-azure-servicebus-events");
    }

    @Test
    void metricNameIsNormalisedAsKedaDoes() throws Exception {
        assertThat(ServiceBusScalerFactory.metricName(0, parse("queueName", "orders.eu/high"))).isEqualTo("s0-azure-servicebus-orders-eu-high");
    }

    @Test
    void connectionFromMetadataAsResolvedFromConnectionFromEnv() throws Exception {
        ServiceBusMetadata m = parse(meta("queueName", "q", "connection", CONNECTION), Map.of(), null);
        assertThat(m.authority()).isEqualTo("orders-ns.servicebus.windows.net");
    }

    @Test
    void connectionStringWithPortAndSharedAccessSignature() throws Exception {
        String sas = "SharedAccessSignature sr=https%3A%2F%2Fh&sig=abc%2B&se=1700000000&skn=listen";
        ServiceBusMetadata m = parse(meta("queueName", "q"), Map.of("connection", "Endpoint=sb://127.0.0.1:8443;SharedAccessSignature=" + sas), null);
        assertThat(m.authority()).isEqualTo("127.0.0.1:8443");
        assertThat(m.auth()).isEqualTo(new ServiceBusAuth.SharedSignature(sas));
        assertThat(m.toString()).doesNotContain("abc%2B");
        assertThat(m.auth().secrets()).contains("abc%2B");
    }

    @Test
    void workloadIdentityUsesNamespaceAndCloud() throws Exception {
        assertThat(parse(meta("queueName", "q", "namespace", "orders-ns"), Map.of(), "azure-workload").authority())
                .isEqualTo("orders-ns.servicebus.windows.net");
        assertThat(parse(meta("queueName", "q", "namespace", "ns", "cloud", "AzureUSGovernmentCloud"), Map.of(), "azure-workload").authority())
                .isEqualTo("ns.servicebus.usgovcloudapi.net");
        assertThat(parse(meta("queueName", "q", "namespace", "ns", "cloud", "AzureChinaCloud"), Map.of(), "azure-workload").authority())
                .isEqualTo("ns.servicebus.chinacloudapi.cn");
        assertThat(parse(meta("queueName", "q", "namespace", "ns", "cloud", "AzureGermanCloud"), Map.of(), "azure-workload").authority())
                .isEqualTo("ns.servicebus.cloudapi.de");
        assertThat(parse(meta("queueName", "q", "namespace", "ns", "cloud", "Private", "endpointSuffix", "servicebus.airgap.example"),
                Map.of(), "azure-workload").authority()).isEqualTo("ns.servicebus.airgap.example");
        ServiceBusMetadata both = parse(meta("queueName", "q", "namespace", "ns"), Map.of("connection", CONNECTION), "azure-workload");
        assertThat(both.auth()).isInstanceOf(ServiceBusAuth.WorkloadIdentity.class);
        assertThat(both.auth().identity()).isEqualTo("azure-workload");
    }

    @Test
    void entityNameRules() {
        assertThat(failure("queueName", "q", "topicName", "t", "subscriptionName", "s").field()).isEqualTo("metadata.topicName");
        assertThat(failure("subscriptionName", "s").field()).isEqualTo("metadata.subscriptionName");
        assertThat(failure("queueName", "q", "subscriptionName", "s").field()).isEqualTo("metadata.subscriptionName");
        assertThat(failure("topicName", "t").field()).isEqualTo("metadata.subscriptionName");
        assertThat(failure("messageCount", "5").field()).isEqualTo("metadata.queueName");
        assertThat(failure("queueName", "", "topicName", "").field()).isEqualTo("metadata.queueName");
    }

    @Test
    void numericAndFlagErrors() {
        assertThat(failure("queueName", "q", "messageCount", "lots").field()).isEqualTo("metadata.messageCount");
        assertThat(failure("queueName", "q", "messageCount", "2.5").field()).isEqualTo("metadata.messageCount");
        assertThat(failure("queueName", "q", "messageCount", "-1").field()).isEqualTo("metadata.messageCount");
        assertThat(failure("queueName", "q", "activationMessageCount", "x").field()).isEqualTo("metadata.activationMessageCount");
        assertThat(failure("queueName", "q", "activationMessageCount", "-1").field()).isEqualTo("metadata.activationMessageCount");
        assertThat(failure("queueName", "q", "useRegex", "yes").field()).isEqualTo("metadata.useRegex");
        assertThat(failure("queueName", "q", "operation", "median").field()).isEqualTo("metadata.operation");
        assertThat(failure("queueName", "orders[", "useRegex", "true").field()).isEqualTo("metadata.queueName");
        assertThat(failure("topicName", "t", "subscriptionName", "(", "useRegex", "true").field()).isEqualTo("metadata.subscriptionName");
        assertThat(failure("queueName", "q", "cloud", "Mars").field()).isEqualTo("metadata.cloud");
        assertThat(failure("queueName", "q", "cloud", "Private").field()).isEqualTo("metadata.endpointSuffix");
    }

    @Test
    void authenticationErrors() {
        assertThat(failure(meta("queueName", "q"), Map.of(), null).field()).isEqualTo("metadata.connection");
        assertThat(failure(meta("queueName", "q"), Map.of(), "none").field()).isEqualTo("metadata.connection");
        assertThat(failure(meta("queueName", "q"), Map.of(), "azure-workload").field()).isEqualTo("metadata.namespace");
        ScalerConfigException unknown = failure(meta("queueName", "q", "namespace", "ns"), Map.of("connection", CONNECTION), "aws");
        assertThat(unknown.field()).isEqualTo("podIdentity.provider");
        assertThat(unknown.getMessage()).contains("'aws'").contains("azure-workload");
        assertThat(failure(meta("queueName", "q", "namespace", "ns"), Map.of(), "azure").field()).isEqualTo("podIdentity.provider");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not a connection string " + SECRET,
        "SharedAccessKeyName=k;SharedAccessKey=" + SECRET,
        "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKey=" + SECRET,
        "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=k",
        "Endpoint=amqp://ns.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=" + SECRET,
        "Endpoint=sb://;SharedAccessKeyName=k;SharedAccessKey=" + SECRET,
        "Endpoint=sb://ns.servicebus.windows.net/ bad;SharedAccessKeyName=k;SharedAccessKey=" + SECRET,
        "Endpoint=sb://k:" + SECRET + "@ns.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=" + SECRET,
        "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=" + SECRET + ";EntityPath=orders",
        "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessSignature=sig=" + SECRET,
        "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=" + SECRET + ";SharedAccessSignature=SharedAccessSignature sig=" + SECRET,
    })
    void malformedConnectionStringsNameTheFieldWithoutTheSecret(String connection) {
        assertThat(connectionFailure(connection).field()).isEqualTo("metadata.connection");
    }
}
