package dev.ebbflow.operator.jobs.core;

import java.util.Map;

/**
 * What the scale loop needs of one pod of a Job: its phase and the status of each of its conditions.
 *
 * @param phase {@code status.phase} (Pending, Running, Succeeded, Failed, Unknown), may be null
 * @param conditions {@code status.conditions} as type to status ("True", "False", "Unknown")
 */
public record PodSnapshot(String phase, Map<String, String> conditions) {

    public PodSnapshot {
        conditions = conditions == null ? Map.of() : Map.copyOf(conditions);
    }

    public static PodSnapshot inPhase(String phase) {
        return new PodSnapshot(phase, Map.of());
    }

    boolean runningOrCompleted() {
        return "Running".equals(phase) || "Succeeded".equals(phase);
    }

    boolean hasAllTrue(Iterable<String> types) {
        for (String type : types) {
            if (!"True".equals(conditions.get(type))) {
                return false;
            }
        }
        return true;
    }
}
