package dev.ebbflow.scalers.sqs;

import dev.ebbflow.scalers.MetadataMetricNames;
import dev.ebbflow.scalers.MetricSpec;
import dev.ebbflow.scalers.Scaler;
import dev.ebbflow.scalers.ScalerConfigException;
import dev.ebbflow.scalers.ScalerFactory;
import dev.ebbflow.scalers.TriggerConfig;
import java.util.Map;

/**
 * The {@code aws-sqs-queue} trigger type. One instance per operator: it owns the SQS clients, one
 * per region, endpoint and credentials, so many triggers reading with the same identity cost one
 * client (and one HTTP connection pool), not one each.
 */
public final class SqsScalerFactory implements ScalerFactory {

    public static final String TYPE = "aws-sqs-queue";

    private final SqsClientPool clients;

    /** Used by {@link java.util.ServiceLoader}. */
    public SqsScalerFactory() {
        this(SqsClientSettings.DEFAULT, System.getenv());
    }

    /** @param environment where the operator's web identity ({@code AWS_WEB_IDENTITY_TOKEN_FILE}, {@code AWS_ROLE_ARN}) is read */
    SqsScalerFactory(SqsClientSettings settings, Map<String, String> environment) {
        this.clients = new SqsClientPool(settings, OperatorWebIdentity.fromEnvironment(environment).orElse(null));
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** KEDA's Go type name of this scaler, the {@code scaler} label of its metrics. */
    @Override
    public String kedaScalerName() {
        return "awsSqsQueueScaler";
    }

    @Override
    public Scaler create(TriggerConfig config) throws ScalerConfigException {
        SqsMetadata m = SqsMetadataParser.parse(config);
        MetricSpec spec = new MetricSpec(metricName(config.index(), m.queueName()), m.queueLength(), m.activationQueueLength(), config.metricType());
        return new SqsScaler(spec, m, clients.acquire(m));
    }

    /** KEDA's {@code s<index>-aws-sqs-<queue name>}, normalised ({@code orders.fifo} gives {@code aws-sqs-orders-fifo}). */
    static String metricName(int index, String queueName) {
        return MetadataMetricNames.withIndex(index, "aws-sqs-" + queueName);
    }

    /** SQS clients currently open, each shared by the scalers of one region, endpoint and credentials. */
    int sharedClients() {
        return clients.size();
    }

    @Override
    public void close() {
        clients.close();
    }
}
