package dev.ebbflow.operator.autoscaling.core;

import java.util.Optional;

/**
 * KEDA's {@code HPAActive} condition of a ScaledObject, mirroring the {@code ScalingActive} condition
 * of its generated HPA, so that an HPA that cannot read its metrics shows on the ScaledObject without
 * turning Ready False. {@code ScalingDisabled} (the target is at zero, which the operator owns) is
 * healthy. Set only once the HPA has reported ScalingActive: before that nothing is known.
 */
public final class HpaActiveCondition {

    public static final String TYPE = "HPAActive";
    static final String ACTIVE_REASON = "HPAActive";
    static final String SCALING_DISABLED_REASON = "HPAScalingDisabled";
    static final String METRICS_UNAVAILABLE_REASON = "HPAMetricsUnavailable";
    private static final String HPA_SCALING_DISABLED = "ScalingDisabled";

    private HpaActiveCondition() {
    }

    /**
     * @param status the HPA's ScalingActive status (True, False, Unknown), null when it has none
     * @param reason the HPA's reason
     * @param message the HPA's message
     */
    public static Optional<Condition> of(String status, String reason, String message) {
        if ("True".equals(status)) {
            return Optional.of(new Condition(TYPE, Condition.Status.TRUE, ACTIVE_REASON, null));
        }
        if (!"False".equals(status)) {
            return Optional.empty();
        }
        if (HPA_SCALING_DISABLED.equals(reason)) {
            return Optional.of(new Condition(TYPE, Condition.Status.TRUE, SCALING_DISABLED_REASON, blankToNull(message)));
        }
        // The HPA's own reason (e.g. FailedGetExternalMetric) stays readable in the message.
        String why = blankToNull(reason);
        String details = blankToNull(message);
        String text = why == null ? details : details == null ? why : why + ": " + details;
        return Optional.of(new Condition(TYPE, Condition.Status.FALSE, METRICS_UNAVAILABLE_REASON, text));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
