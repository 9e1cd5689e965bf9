package dev.ebbflow.operator.autoscaling.core.hpa;

import java.util.List;

/**
 * {@code spec.behavior} of an autoscaling/v2 HPA. Either direction may be null (not written).
 * {@link #resolved()} applies Kubernetes' documented defaults: scale up with no stabilization and at
 * most +100 % or +4 pods per 15 s (whichever is more), scale down with a 300 s stabilization window and
 * at most -100 % per 15 s.
 */
public record HpaBehavior(ScalingRules scaleUp, ScalingRules scaleDown) {

    public static final double DEFAULT_TOLERANCE = 0.1;

    static final ScalingRules DEFAULT_SCALE_UP = new ScalingRules(0, SelectPolicy.MAX,
            List.of(ScalingPolicy.percent(100, 15), ScalingPolicy.pods(4, 15)), DEFAULT_TOLERANCE);
    static final ScalingRules DEFAULT_SCALE_DOWN = new ScalingRules(300, SelectPolicy.MAX,
            List.of(ScalingPolicy.percent(100, 15)), DEFAULT_TOLERANCE);

    /** No behavior written: every field takes Kubernetes' default. */
    public static HpaBehavior none() {
        return new HpaBehavior(null, null);
    }

    /** Every field filled in, as the HPA controller sees it. */
    public HpaBehavior resolved() {
        return new HpaBehavior(
                (scaleUp == null ? ScalingRules.empty() : scaleUp).orDefaults(DEFAULT_SCALE_UP),
                (scaleDown == null ? ScalingRules.empty() : scaleDown).orDefaults(DEFAULT_SCALE_DOWN));
    }

    public HpaBehavior withScaleUp(ScalingRules rules) {
        return new HpaBehavior(rules, scaleDown);
    }

    public HpaBehavior withScaleDown(ScalingRules rules) {
        return new HpaBehavior(scaleUp, rules);
    }
}
