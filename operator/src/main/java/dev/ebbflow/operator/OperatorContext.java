package dev.ebbflow.operator;

import dev.ebbflow.operator.cli.OperatorSettings;
import dev.ebbflow.operator.leadership.Leadership;
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
 * @param leadership the gate a module's background loops go through: their schedulers come from
 *     {@link Leadership#newExecutor}, so they run on the Lease holder only
 */
public record OperatorContext(KubernetesClient client, OperatorSettings settings, PrometheusMeterRegistry meterRegistry, Clock clock,
        ScalerRegistry scalers, KedaMetrics kedaMetrics, Leadership leadership) {

    /** For modules that read no trigger (e.g. node provisioning), on a replica that leads from the start. */
    public OperatorContext(KubernetesClient client, OperatorSettings settings, PrometheusMeterRegistry meterRegistry, Clock clock) {
        this(client, settings, meterRegistry, clock, null, null, Leadership.alwaysLeading());
    }
}
