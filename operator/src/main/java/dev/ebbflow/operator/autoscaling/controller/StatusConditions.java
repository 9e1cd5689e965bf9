package dev.ebbflow.operator.autoscaling.controller;

import dev.ebbflow.crds.keda.KedaConditions;
import dev.ebbflow.crds.keda.scaledobject.HealthStatus;
import dev.ebbflow.crds.keda.scaledobject.ScaledObjectStatus;
import dev.ebbflow.crds.keda.scaledobject.TriggerActivityStatus;
import dev.ebbflow.operator.autoscaling.core.Condition;
import java.util.LinkedHashMap;
import java.util.Map;

/** Copies the core's conditions and health into a ScaledObject's status. */
public final class StatusConditions {

    private StatusConditions() {
    }

    public static void set(ScaledObjectStatus status, Condition c) {
        KedaConditions.set(status, c.type(), c.status().manifestName(), c.reason(), c.message());
    }

    public static Map<String, HealthStatus> toStatus(Map<String, dev.ebbflow.operator.autoscaling.core.HealthStatus> health) {
        if (health.isEmpty()) {
            return null;
        }
        Map<String, HealthStatus> out = new LinkedHashMap<>();
        health.forEach((k, v) -> out.put(k, new HealthStatus(v.numberOfFailures(), v.status().manifestName())));
        return out;
    }

    /** {@code status.triggersActivity} from the core's per-metric activity; null (absent) when no trigger is polled. */
    public static Map<String, TriggerActivityStatus> toActivityStatus(Map<String, Boolean> activity) {
        if (activity.isEmpty()) {
            return null;
        }
        Map<String, TriggerActivityStatus> out = new LinkedHashMap<>();
        activity.forEach((metric, active) -> out.put(metric, new TriggerActivityStatus(active)));
        return out;
    }

    public static Map<String, dev.ebbflow.operator.autoscaling.core.HealthStatus> fromStatus(Map<String, HealthStatus> health) {
        Map<String, dev.ebbflow.operator.autoscaling.core.HealthStatus> out = new LinkedHashMap<>();
        if (health != null) {
            health.forEach((k, v) -> out.put(k, new dev.ebbflow.operator.autoscaling.core.HealthStatus(
                    v.getNumberOfFailures() == null ? 0 : v.getNumberOfFailures(),
                    HealthStatus.FAILING.equals(v.getStatus()) ? dev.ebbflow.operator.autoscaling.core.HealthStatus.State.FAILING
                            : dev.ebbflow.operator.autoscaling.core.HealthStatus.State.HAPPY)));
        }
        return out;
    }
}
