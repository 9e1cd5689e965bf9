package dev.ebbflow.scalers.servicebus;

import dev.ebbflow.scalers.AggregationOperation;
import dev.ebbflow.scalers.MetadataValues;
import dev.ebbflow.scalers.ScalerConfigException;
import dev.ebbflow.scalers.TriggerConfig;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Validates an {@code azure-servicebus} trigger the way KEDA documents it. Every error names the
 * field ({@code metadata.<key>}, or {@code podIdentity.provider}) and never quotes the connection
 * string.
 */
public final class ServiceBusMetadataParser {

    /** The only pod identity provider KEDA still supports for Azure. */
    public static final String AZURE_WORKLOAD = "azure-workload";

    private ServiceBusMetadataParser() {
    }

    public static ServiceBusMetadata parse(TriggerConfig config) throws ScalerConfigException {
        String queueName = config.param("queueName");
        String topicName = config.param("topicName");
        String subscriptionName = config.param("subscriptionName");
        if (queueName != null && topicName != null) {
            throw MetadataValues.error("topicName", "cannot be combined with metadata.queueName; give a queue, or a topic with a subscription");
        }
        if (queueName == null && topicName == null) {
            if (subscriptionName != null) {
                throw MetadataValues.error("subscriptionName", "needs metadata.topicName (a subscription belongs to a topic)");
            }
            throw MetadataValues.error("queueName", "is required: give metadata.queueName, or metadata.topicName with metadata.subscriptionName");
        }
        if (queueName != null && subscriptionName != null) {
            throw MetadataValues.error("subscriptionName", "applies to a topic only; remove it or use metadata.topicName instead of metadata.queueName");
        }
        if (topicName != null && subscriptionName == null) {
            throw MetadataValues.error("subscriptionName", "is required with metadata.topicName");
        }

        // KEDA bounds messageCount only as a whole number, so 0 parses and becomes the metric target as is;
        // what a target of 0 means is left to the consumers (the HPA's validation, a ScaledJob's sizing), as with KEDA.
        long messageCount = MetadataValues.wholeNumber(config, "messageCount", ServiceBusMetadata.DEFAULT_MESSAGE_COUNT, 0);
        long activation = MetadataValues.wholeNumber(config, "activationMessageCount", 0, 0);

        Pattern pattern = null;
        if (MetadataValues.bool(config, "useRegex", false)) {
            String key = queueName != null ? "queueName" : "subscriptionName";
            try {
                pattern = Pattern.compile(queueName != null ? queueName : subscriptionName);
            } catch (PatternSyntaxException e) {
                throw MetadataValues.error(key, "is not a valid regular expression (metadata.useRegex is true): " + e.getDescription());
            }
        }
        AggregationOperation operation = AggregationOperation.parse(config);

        // Validated in every mode so a typo in cloud is caught even while a connection string is used.
        String suffix = AzureCloud.endpointSuffix(config.param("cloud"), config.param("endpointSuffix"));
        ServiceBusAuth auth;
        String authority;
        String provider = config.podIdentityProvider();
        if (provider == null || provider.isBlank() || provider.trim().equalsIgnoreCase("none")) {
            String connection = config.param("connection");
            if (connection == null) {
                throw MetadataValues.error("connection", "is required: set the TriggerAuthentication parameter 'connection', "
                        + "metadata.connectionFromEnv, or podIdentity.provider: " + AZURE_WORKLOAD);
            }
            ConnectionString cs = ConnectionString.parse(connection);
            authority = cs.authority();
            auth = cs.signature() != null ? new ServiceBusAuth.SharedSignature(cs.signature()) : new ServiceBusAuth.SharedKey(cs.keyName(), cs.key());
        } else if (provider.trim().toLowerCase(Locale.ROOT).equals(AZURE_WORKLOAD)) {
            String namespace = config.param("namespace");
            if (namespace == null) {
                throw MetadataValues.error("namespace", "is required with podIdentity.provider " + AZURE_WORKLOAD);
            }
            authority = namespace.trim() + "." + suffix;
            auth = new ServiceBusAuth.WorkloadIdentity();
        } else {
            throw new ScalerConfigException("podIdentity.provider", "podIdentity.provider '" + provider
                    + "' is not supported by azure-servicebus; use " + AZURE_WORKLOAD + " or a connection string");
        }
        return new ServiceBusMetadata(queueName, topicName, subscriptionName, messageCount, activation, pattern, operation, authority, auth);
    }
}
