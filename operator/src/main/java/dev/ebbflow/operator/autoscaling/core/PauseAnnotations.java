package dev.ebbflow.operator.autoscaling.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads KEDA's pause and force-activation annotations from a ScaledObject's {@code metadata.annotations}. */
public final class PauseAnnotations {

    public static final String PAUSED = "autoscaling.keda.sh/paused";
    public static final String PAUSED_REPLICAS = "autoscaling.keda.sh/paused-replicas";
    public static final String PAUSED_SCALE_IN = "autoscaling.keda.sh/paused-scale-in";
    public static final String PAUSED_SCALE_OUT = "autoscaling.keda.sh/paused-scale-out";
    public static final String FORCE_ACTIVATION = "autoscaling.keda.sh/force-activation";

    private PauseAnnotations() {
    }

    /** The parsed state, and one error per annotation whose value cannot be read. */
    public record Parsed(PauseState state, List<FieldError> errors) {
        public Parsed {
            errors = List.copyOf(errors);
        }
    }

    /**
     * Parses the annotations. A value that cannot be read is reported, and resolved the cautious
     * way KEDA does: an unreadable {@code paused} or {@code paused-replicas} still pauses (freezing the
     * current count), an unreadable {@code paused-scale-in/out} does not block that direction.
     */
    public static Parsed parse(Map<String, String> annotations) {
        Map<String, String> a = annotations == null ? Map.of() : annotations;
        List<FieldError> errors = new ArrayList<>();
        boolean paused = false;
        Integer pausedReplicas = null;
        if (a.containsKey(PAUSED_REPLICAS)) {
            paused = true;
            pausedReplicas = parseReplicas(a.get(PAUSED_REPLICAS), errors);
        }
        if (a.containsKey(PAUSED)) {
            Boolean value = parseBoolean(PAUSED, a.get(PAUSED), errors);
            paused |= value == null || value;
        }
        Boolean scaleIn = a.containsKey(PAUSED_SCALE_IN) ? parseBoolean(PAUSED_SCALE_IN, a.get(PAUSED_SCALE_IN), errors) : null;
        Boolean scaleOut = a.containsKey(PAUSED_SCALE_OUT) ? parseBoolean(PAUSED_SCALE_OUT, a.get(PAUSED_SCALE_OUT), errors) : null;
        Boolean force = a.containsKey(FORCE_ACTIVATION) ? parseBoolean(FORCE_ACTIVATION, a.get(FORCE_ACTIVATION), errors) : null;
        return new Parsed(new PauseState(paused, pausedReplicas, Boolean.TRUE.equals(scaleIn), Boolean.TRUE.equals(scaleOut),
                Boolean.TRUE.equals(force)), errors);
    }

    private static Integer parseReplicas(String value, List<FieldError> errors) {
        try {
            int n = Integer.parseInt(value == null ? "" : value.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        errors.add(new FieldError(field(PAUSED_REPLICAS), "must be a non-negative integer, got '" + value + "'"));
        return null;
    }

    /** Accepts the spellings Go's strconv.ParseBool accepts, as KEDA does. */
    private static Boolean parseBoolean(String key, String value, List<FieldError> errors) {
        String v = value == null ? "" : value.trim();
        switch (v) {
            case "1", "t", "T", "true", "TRUE", "True":
                return true;
            case "0", "f", "F", "false", "FALSE", "False":
                return false;
            default:
                errors.add(new FieldError(field(key), "must be \"true\" or \"false\", got '" + value + "'"));
                return null;
        }
    }

    private static String field(String key) {
        return "metadata.annotations[" + key + "]";
    }
}
