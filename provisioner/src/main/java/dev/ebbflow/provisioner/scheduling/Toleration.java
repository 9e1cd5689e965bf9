package dev.ebbflow.provisioner.scheduling;

import java.util.List;

/** A pod toleration; operator Equal (default) or Exists, an empty effect matches every effect. */
public record Toleration(String key, String operator, String value, String effect) {

    public Toleration {
        key = key == null ? "" : key;
        operator = operator == null || operator.isEmpty() ? "Equal" : operator;
        value = value == null ? "" : value;
        effect = effect == null ? "" : effect;
    }

    public boolean tolerates(Taint t) {
        if (!effect.isEmpty() && !effect.equals(t.effect())) {
            return false;
        }
        if ("Exists".equals(operator)) {
            return key.isEmpty() || key.equals(t.key());
        }
        return key.equals(t.key()) && value.equals(t.value());
    }

    /**
     * The first taint that keeps a pod with these tolerations away, or null. PreferNoSchedule taints
     * count only when {@code strict} (the first attempt; they are relaxed when nothing else fits).
     */
    public static Taint firstUntolerated(List<Taint> taints, List<Toleration> tolerations, boolean strict) {
        for (Taint t : taints) {
            if (!strict && Taint.PREFER_NO_SCHEDULE.equals(t.effect())) {
                continue;
            }
            boolean ok = false;
            for (Toleration tol : tolerations) {
                if (tol.tolerates(t)) {
                    ok = true;
                    break;
                }
            }
            if (!ok) {
                return t;
            }
        }
        return null;
    }
}
