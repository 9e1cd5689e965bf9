package dev.ebbflow.operator.autoscaling.core.hpa;

import java.util.List;

/**
 * {@code behavior.scaleUp} or {@code behavior.scaleDown} of an HPA, as written in a manifest: every
 * field may be absent (null), in which case Kubernetes' default for that direction applies (see
 * {@link HpaBehavior#resolved()}).
 *
 * @param tolerance the per-direction tolerance (Kubernetes 1.33+); null means the controller's 10 %
 */
public record ScalingRules(Integer stabilizationWindowSeconds, SelectPolicy selectPolicy, List<ScalingPolicy> policies, Double tolerance) {

    public ScalingRules {
        policies = policies == null ? null : List.copyOf(policies);
    }

    public static ScalingRules empty() {
        return new ScalingRules(null, null, null, null);
    }

    public ScalingRules withSelectPolicy(SelectPolicy policy) {
        return new ScalingRules(stabilizationWindowSeconds, policy, policies, tolerance);
    }

    /** Fills every absent field from {@code defaults}. */
    ScalingRules orDefaults(ScalingRules defaults) {
        return new ScalingRules(
                stabilizationWindowSeconds != null ? stabilizationWindowSeconds : defaults.stabilizationWindowSeconds,
                selectPolicy != null ? selectPolicy : defaults.selectPolicy,
                policies != null ? policies : defaults.policies,
                tolerance != null ? tolerance : defaults.tolerance);
    }

    /** The longest policy period, which bounds how long scale events matter. */
    int longestPeriodSeconds() {
        return policies == null ? 0 : policies.stream().mapToInt(ScalingPolicy::periodSeconds).max().orElse(0);
    }
}
