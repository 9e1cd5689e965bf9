package dev.ebbflow.operator.autoscaling.core;

import dev.ebbflow.operator.autoscaling.core.hpa.HpaBehavior;

/**
 * How the generated HPA should look after this decision.
 *
 * @param present false while the ScaledObject is paused: KEDA deletes the HPA then
 * @param behavior the {@code spec.behavior} to write, null to write none
 */
public record HpaPlan(boolean present, int minReplicas, int maxReplicas, HpaBehavior behavior) {

    public static final HpaPlan ABSENT = new HpaPlan(false, 0, 0, null);
}
