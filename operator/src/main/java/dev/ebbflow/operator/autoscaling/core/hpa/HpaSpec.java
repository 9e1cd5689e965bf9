package dev.ebbflow.operator.autoscaling.core.hpa;

import java.util.List;
import java.util.Objects;

/** What the HPA controller model needs of an HPA: bounds, External metrics and behavior. */
public record HpaSpec(int minReplicas, int maxReplicas, List<ExternalMetricTarget> metrics, HpaBehavior behavior) {

    public HpaSpec {
        metrics = List.copyOf(metrics);
        behavior = Objects.requireNonNullElse(behavior, HpaBehavior.none());
    }
}
