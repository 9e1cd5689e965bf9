package dev.ebbflow.operator.autoscaling.core;

import dev.ebbflow.operator.autoscaling.core.hpa.HpaBehavior;
import dev.ebbflow.scalers.MetricSpec;
import dev.ebbflow.scalers.MetricTargetType;
import java.time.Instant;
import java.util.List;

/** Test fixtures: a ScalingSpec with KEDA's defaults and one RabbitMQ trigger, changed field by field. */
record Specs(Integer pollingInterval, Integer cooldownPeriod, Integer initialCooldownPeriod, Integer idle, Integer min, Integer max,
        FallbackSpec fallback, ScalingModifiers modifiers, HpaBehavior behavior, List<TriggerSpec> triggers) {

    static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    static TriggerSpec rabbit(int index, String name) {
        return rabbit(index, name, MetricTargetType.AVERAGE_VALUE);
    }

    static TriggerSpec rabbit(int index, String name, MetricTargetType type) {
        String id = name == null ? "q" + index : name;
        return new TriggerSpec("rabbitmq", name, new MetricSpec("s" + index + "-rabbitmq-" + id, 5, 0, type));
    }

    static TriggerSpec cpu(int utilization) {
        return new TriggerSpec("cpu", null, new MetricSpec("cpu", utilization, 0, MetricTargetType.UTILIZATION,
                new dev.ebbflow.scalers.ResourceMetric("cpu", null, utilization, null)));
    }

    static Specs defaults() {
        return new Specs(null, null, null, null, null, null, null, null, null, List.of(rabbit(0, null)));
    }

    Specs cooldown(int seconds) {
        return new Specs(pollingInterval, seconds, initialCooldownPeriod, idle, min, max, fallback, modifiers, behavior, triggers);
    }

    Specs initialCooldown(int seconds) {
        return new Specs(pollingInterval, cooldownPeriod, seconds, idle, min, max, fallback, modifiers, behavior, triggers);
    }

    Specs replicas(Integer idle, Integer min, Integer max) {
        return new Specs(pollingInterval, cooldownPeriod, initialCooldownPeriod, idle, min, max, fallback, modifiers, behavior, triggers);
    }

    Specs fallback(Integer threshold, Integer replicas, FallbackBehavior b) {
        return new Specs(pollingInterval, cooldownPeriod, initialCooldownPeriod, idle, min, max, new FallbackSpec(threshold, replicas, b),
                modifiers, behavior, triggers);
    }

    Specs modifiers(String formula, String target, String activationTarget, String metricType) {
        return new Specs(pollingInterval, cooldownPeriod, initialCooldownPeriod, idle, min, max, fallback,
                new ScalingModifiers(formula, target, activationTarget, metricType), behavior, triggers);
    }

    Specs behavior(HpaBehavior b) {
        return new Specs(pollingInterval, cooldownPeriod, initialCooldownPeriod, idle, min, max, fallback, modifiers, b, triggers);
    }

    Specs polling(Integer seconds) {
        return new Specs(seconds, cooldownPeriod, initialCooldownPeriod, idle, min, max, fallback, modifiers, behavior, triggers);
    }

    Specs withTriggers(TriggerSpec... t) {
        return new Specs(pollingInterval, cooldownPeriod, initialCooldownPeriod, idle, min, max, fallback, modifiers, behavior, List.of(t));
    }

    ScalingSpec build() {
        return new ScalingSpec(pollingInterval, cooldownPeriod, initialCooldownPeriod, idle, min, max, fallback, modifiers, behavior, triggers);
    }
}
