package dev.ebbflow.operator.observability;

import dev.ebbflow.crds.keda.KedaCondition;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code ebbflow_scaled_object_status_condition{namespace,scaledObject,type,status}}: 1 for each condition a
 * ScaledObject's status shows (Ready, Active, Fallback, Paused), in kube-state-metrics' condition style, read
 * from the informer at each scrape. KEDA exports no such metric (its users read the conditions through
 * kube-state-metrics' custom resource state); alerts on not-Ready ScaledObjects and active fallback use it.
 */
public final class ScaledObjectStateMetrics implements MultiCollector {
    static final String CONDITION = "ebbflow_scaled_object_status_condition";

    private final Supplier<List<ScaledObject>> scaledObjects;

    public ScaledObjectStateMetrics(Supplier<List<ScaledObject>> scaledObjects) {
        this.scaledObjects = scaledObjects;
    }

    @Override
    public MetricSnapshots collect() {
        GaugeFamily conditions = new GaugeFamily(CONDITION,
                "The current status conditions of a ScaledObject: 1 for the status each condition type has.", "namespace", "scaledObject", "type",
                "status");
        for (ScaledObject so : scaledObjects.get()) {
            if (so.getStatus() == null || so.getStatus().getConditions() == null) {
                continue;
            }
            for (KedaCondition c : so.getStatus().getConditions()) {
                if (c.getType() != null) {
                    conditions.max(1, so.getMetadata().getNamespace(), so.getMetadata().getName(), c.getType(),
                            c.getStatus() == null ? "Unknown" : c.getStatus());
                }
            }
        }
        return MetricSnapshots.of(conditions.snapshot());
    }
}
