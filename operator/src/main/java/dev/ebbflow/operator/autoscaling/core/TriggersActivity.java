package dev.ebbflow.operator.autoscaling.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * KEDA's {@code status.triggersActivity}: for each trigger whose metric the operator serves (cpu and
 * memory are the HPA's own), whether its last reading was active. A failed reading counts as not
 * active. Keyed by metric name, the same keys as {@code status.externalMetricNames} and
 * {@code status.health}. With scalingModifiers each trigger still reports its own activation; the
 * Active condition follows the formula.
 */
public final class TriggersActivity {

    private TriggersActivity() {
    }

    /**
     * @param outcomes one per trigger, in {@code spec.triggers} order
     * @return metric name → active, in trigger order
     */
    public static Map<String, Boolean> of(ScalingSpec spec, List<TriggerOutcome> outcomes) {
        if (outcomes.size() != spec.triggers().size()) {
            throw new IllegalArgumentException("expected " + spec.triggers().size() + " trigger outcomes, got " + outcomes.size());
        }
        Map<String, Boolean> activity = new LinkedHashMap<>();
        for (int i = 0; i < outcomes.size(); i++) {
            TriggerSpec trigger = spec.triggers().get(i);
            if (!trigger.metric().isResource()) {
                activity.put(trigger.metric().metricName(), !outcomes.get(i).failed() && outcomes.get(i).active());
            }
        }
        return activity;
    }
}
