package dev.ebbflow.crds.keda;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads and writes KEDA-shaped conditions on a status. Every writer reports whether it changed
 * anything, so a reconciler can skip the status patch when nothing did.
 */
public final class KedaConditions {

    public static final String READY = "Ready";
    public static final String ACTIVE = "Active";
    public static final String FALLBACK = "Fallback";
    public static final String PAUSED = "Paused";

    public static final String TRUE = "True";
    public static final String FALSE = "False";
    public static final String UNKNOWN = "Unknown";

    private static final List<String> SCALED_OBJECT_TYPES = List.of(READY, ACTIVE, FALLBACK, PAUSED);
    private static final List<String> SCALED_JOB_TYPES = List.of(READY, ACTIVE, PAUSED);

    private KedaConditions() {
    }

    /** The condition of that type, if the status has one. */
    public static Optional<KedaCondition> get(HasKedaConditions status, String type) {
        if (status == null || status.getConditions() == null) {
            return Optional.empty();
        }
        return status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    /** Whether the condition of that type exists and is True. */
    public static boolean isTrue(HasKedaConditions status, String type) {
        return get(status, type).map(c -> TRUE.equals(c.getStatus())).orElse(false);
    }

    /**
     * Sets the condition of that type, replacing the one present (in place, keeping the order) or
     * appending it.
     *
     * @return whether the conditions changed
     */
    public static boolean set(HasKedaConditions status, String type, String conditionStatus, String reason, String message) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(conditionStatus, "conditionStatus");
        KedaCondition wanted = new KedaCondition(type, conditionStatus, reason, message);
        List<KedaCondition> conditions = mutableConditions(status);
        for (int i = 0; i < conditions.size(); i++) {
            if (type.equals(conditions.get(i).getType())) {
                if (conditions.get(i).equals(wanted)) {
                    return false;
                }
                conditions.set(i, wanted);
                return true;
            }
        }
        conditions.add(wanted);
        return true;
    }

    /**
     * Adds, as Unknown, each of Ready, Active, Fallback and Paused that is missing, as KEDA does
     * before the first reconcile of a ScaledObject.
     *
     * @return whether any condition was added
     */
    public static boolean initializeScaledObject(HasKedaConditions status) {
        return initialize(status, SCALED_OBJECT_TYPES);
    }

    /** Like {@link #initializeScaledObject} for a ScaledJob: Ready, Active and Paused. */
    public static boolean initializeScaledJob(HasKedaConditions status) {
        return initialize(status, SCALED_JOB_TYPES);
    }

    private static boolean initialize(HasKedaConditions status, List<String> types) {
        boolean changed = false;
        for (String type : types) {
            if (get(status, type).isEmpty()) {
                mutableConditions(status).add(new KedaCondition(type, UNKNOWN, null, null));
                changed = true;
            }
        }
        return changed;
    }

    // A parsed status may hold an immutable or absent list; writers need one they can change.
    private static List<KedaCondition> mutableConditions(HasKedaConditions status) {
        Objects.requireNonNull(status, "status");
        List<KedaCondition> copy = status.getConditions() == null ? new ArrayList<>() : new ArrayList<>(status.getConditions());
        status.setConditions(copy);
        return copy;
    }
}
