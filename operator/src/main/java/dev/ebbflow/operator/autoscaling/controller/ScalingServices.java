package dev.ebbflow.operator.autoscaling.controller;

import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.operator.autoscaling.hpa.HpaSync;
import dev.ebbflow.operator.autoscaling.loop.TriggerReader;
import dev.ebbflow.operator.observability.KedaMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.function.Function;

/**
 * What the reconciler, the scale loop and the metrics provider share.
 *
 * @param lookup the current ScaledObject of a key from an informer cache, or null when it does not exist
 */
public record ScalingServices(
        KubernetesClient client,
        CompiledScaledObjects compiled,
        ScaleTargets scaleTargets,
        HpaSync hpas,
        ScaledObjectStatusWriter statusWriter,
        ScaledObjectEvents events,
        TriggerReader triggerReader,
        KedaMetrics metrics,
        Clock clock,
        Function<ScaledObjectKey, ScaledObject> lookup) {
}
