package dev.ebbflow.operator.autoscaling.core.hpa;

import java.util.Objects;

/** One {@code policies[]} entry: change at most {@code value} pods (or percent) per {@code periodSeconds}. */
public record ScalingPolicy(PolicyType type, int value, int periodSeconds) {

    public ScalingPolicy {
        Objects.requireNonNull(type, "type");
    }

    public static ScalingPolicy pods(int value, int periodSeconds) {
        return new ScalingPolicy(PolicyType.PODS, value, periodSeconds);
    }

    public static ScalingPolicy percent(int value, int periodSeconds) {
        return new ScalingPolicy(PolicyType.PERCENT, value, periodSeconds);
    }
}
