package dev.ebbflow.operator;

import dev.ebbflow.operator.cli.OperatorSettings;
import dev.ebbflow.operator.observability.KedaMetrics;
import dev.ebbflow.scalers.ScalerRegistry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;

/**
 * What the operator shares with every {@link ControllerModule}.
 *
 * @param scalers the operator's scaler factories, so a module's triggers share pooled connections with the ScaledObjects'; may be null
 * @param kedaMetrics the operator's KEDA metrics (one instance per registry); may be null
 */
public record OperatorContext(KubernetesClient client, OperatorSettings settings, PrometheusMeterRegistry meterRegistry, Clock clock,
        ScalerRegistry scalers, KedaMetrics kedaMetrics) {

    /** For modules that read no trigger (e.g. node provisioning). */
    public OperatorContext(KubernetesClient client, OperatorSettings settings, PrometheusMeterRegistry meterRegistry, Clock clock) {
        this(client, settings, meterRegistry, clock, null, null);
    }
}
