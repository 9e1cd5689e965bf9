package dev.ebbflow.scalers.servicebus;

import com.azure.core.credential.TokenCredential;
import dev.ebbflow.scalers.MetadataMetricNames;
import dev.ebbflow.scalers.MetricSpec;
import dev.ebbflow.scalers.Scaler;
import dev.ebbflow.scalers.ScalerConfigException;
import dev.ebbflow.scalers.ScalerFactory;
import dev.ebbflow.scalers.TriggerConfig;
import java.time.Clock;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * The {@code azure-servicebus} trigger type. One instance per operator: it owns the administration
 * clients, one per namespace and credential, shared by every trigger reading there.
 */
public final class ServiceBusScalerFactory implements ScalerFactory {

    public static final String TYPE = "azure-servicebus";

    private final AdministrationClientPool clients;

    /** Used by {@link java.util.ServiceLoader}. */
    public ServiceBusScalerFactory() {
        this(AdministrationClientPool.Settings.DEFAULT, null, new WorkloadIdentityCredentials(System.getenv()), Clock.systemUTC());
    }

    /**
     * @param ssl the TLS context for namespace connections, null for the JVM's trust store
     * @param workloadIdentity the credential of {@code azure-workload} triggers
     */
    ServiceBusScalerFactory(AdministrationClientPool.Settings settings, SSLContext ssl, Supplier<TokenCredential> workloadIdentity, Clock clock) {
        this.clients = new AdministrationClientPool(settings, ssl, workloadIdentity, clock);
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** KEDA's Go type name of this scaler, the {@code scaler} label of its metrics. */
    @Override
    public String kedaScalerName() {
        return "azureServiceBusScaler";
    }

    @Override
    public Scaler create(TriggerConfig config) throws ScalerConfigException {
        ServiceBusMetadata m = ServiceBusMetadataParser.parse(config);
        MetricSpec spec = new MetricSpec(metricName(config.index(), m), m.messageCount(), m.activationMessageCount(), config.metricType());
        return new ServiceBusScaler(spec, new ActiveMessageReader(m, clients.acquire(m)));
    }

    /** {@code s<index>-azure-servicebus-<queue or topic>}, normalised as KEDA does. */
    static String metricName(int index, ServiceBusMetadata m) {
        return MetadataMetricNames.withIndex(index, TYPE + "-" + m.metricEntity());
    }

    /** Administration clients currently shared by open scalers. */
    int clients() {
        return clients.size();
    }

    @Override
    public void close() {
        clients.close();
    }
}
