package dev.ebbflow.operator.autoscaling.core;

import dev.ebbflow.operator.autoscaling.core.hpa.HpaBehavior;
import java.util.List;

/**
 * The part of a ScaledObject's spec that scaling decisions read, mapped from the CRD by the
 * reconciler. Numbers are nullable so that "not written" keeps KEDA's default and validation can
 * tell it from a bad value.
 *
 * @param hpaBehavior {@code spec.advanced.horizontalPodAutoscalerConfig.behavior}, null when absent
 * @param scalingModifiers {@code spec.advanced.scalingModifiers}, null when absent
 */
public record ScalingSpec(
        Integer pollingInterval,
        Integer cooldownPeriod,
        Integer initialCooldownPeriod,
        Integer idleReplicaCount,
        Integer minReplicaCount,
        Integer maxReplicaCount,
        FallbackSpec fallback,
        ScalingModifiers scalingModifiers,
        HpaBehavior hpaBehavior,
        List<TriggerSpec> triggers) {

    public static final int DEFAULT_POLLING_INTERVAL_SECONDS = 30;
    public static final int DEFAULT_COOLDOWN_PERIOD_SECONDS = 300;
    public static final int DEFAULT_MIN_REPLICAS = 0;
    public static final int DEFAULT_MAX_REPLICAS = 100;

    public ScalingSpec {
        triggers = triggers == null ? List.of() : List.copyOf(triggers);
    }

    public int pollingIntervalSeconds() {
        return pollingInterval == null ? DEFAULT_POLLING_INTERVAL_SECONDS : pollingInterval;
    }

    public int cooldownPeriodSeconds() {
        return cooldownPeriod == null ? DEFAULT_COOLDOWN_PERIOD_SECONDS : cooldownPeriod;
    }

    public int initialCooldownPeriodSeconds() {
        return initialCooldownPeriod == null ? 0 : initialCooldownPeriod;
    }

    public int minReplicas() {
        return minReplicaCount == null ? DEFAULT_MIN_REPLICAS : minReplicaCount;
    }

    public int maxReplicas() {
        return maxReplicaCount == null ? DEFAULT_MAX_REPLICAS : maxReplicaCount;
    }

    /** The HPA cannot go below one replica; zero is KEDA's (here: our) job. */
    public int hpaMinReplicas() {
        return Math.max(minReplicas(), 1);
    }

    /**
     * True when every trigger is cpu or memory: nothing the operator polls, so (as in KEDA) the
     * ScaledObject is always active and never scaled to zero.
     */
    public boolean onlyResourceTriggers() {
        return !triggers.isEmpty() && triggers.stream().allMatch(t -> t.metric().isResource());
    }

    public boolean usesScalingModifiers() {
        return scalingModifiers != null && scalingModifiers.inUse();
    }

    /** A trigger's name for formulas and Events: its {@code name}, else its {@code type}. */
    static String displayName(TriggerSpec t) {
        return t.name() != null ? t.name() : t.type();
    }
}
