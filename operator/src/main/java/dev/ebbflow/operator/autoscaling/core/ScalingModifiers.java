package dev.ebbflow.operator.autoscaling.core;

/**
 * {@code spec.advanced.scalingModifiers}, kept as the manifest's strings so that validation can name
 * what is wrong with them. Null fields were not written.
 */
public record ScalingModifiers(String formula, String target, String activationTarget, String metricType) {

    /** The name KEDA gives the single metric that replaces the triggers' metrics. */
    public static final String COMPOSITE_METRIC_NAME = "composite-metric";

    /** KEDA treats the section as in use as soon as any field is set. */
    public boolean inUse() {
        return notBlank(formula) || notBlank(target) || notBlank(activationTarget) || notBlank(metricType);
    }

    static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
