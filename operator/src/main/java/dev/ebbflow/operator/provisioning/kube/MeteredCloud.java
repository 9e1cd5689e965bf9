package dev.ebbflow.operator.provisioning.kube;

import dev.ebbflow.operator.observability.KarpenterMetrics;
import dev.ebbflow.provisioner.cloud.CloudProvider;
import dev.ebbflow.provisioner.cloud.CloudProviderException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Calls into a cloud with Karpenter's {@code karpenter_cloudprovider_duration_seconds} and
 * {@code karpenter_cloudprovider_errors_total} recorded around each call.
 */
public final class MeteredCloud {

    /** One cloud call. */
    @FunctionalInterface
    public interface Call<T> {
        T run() throws CloudProviderException;
    }

    private final KarpenterMetrics metrics;
    private final Clock clock;

    public MeteredCloud(KarpenterMetrics metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
    }

    public <T> T call(String controller, String method, CloudProvider provider, Call<T> call) throws CloudProviderException {
        Instant start = clock.instant();
        try {
            T result = call.run();
            metrics.recordCloudProviderCall(controller, method, provider.name(), Duration.between(start, clock.instant()), null);
            return result;
        } catch (CloudProviderException | RuntimeException e) {
            metrics.recordCloudProviderCall(controller, method, provider.name(), Duration.between(start, clock.instant()), errorName(e));
            throw e;
        }
    }

    /** Karpenter labels errors by kind: {@code InsufficientCapacityError}, {@code NodeClaimNotFoundError}, ... */
    static String errorName(Exception e) {
        String name = e.getClass().getSimpleName();
        return name.endsWith("Exception") ? name.substring(0, name.length() - "Exception".length()) + "Error" : name;
    }
}
