package dev.ebbflow.scalers;

/**
 * Typed reads of a trigger's parameters ({@link TriggerConfig#param}: metadata first, then the
 * TriggerAuthentication parameter of the same key). Every error names the field as
 * {@code metadata.<key>} and quotes only the offending text of a non-secret value.
 */
public final class MetadataValues {

    private MetadataValues() {
    }

    /** A finite number, or {@code fallback} when the key is absent. */
    public static double parseNumber(TriggerConfig config, String key, double fallback) throws ScalerConfigException {
        String text = config.param(key);
        if (text == null) {
            return fallback;
        }
        try {
            double v = Double.parseDouble(text.trim());
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw error(key, "must be a number, got '" + text + "'");
        }
    }

    /** A whole number (KEDA reads counts as int64), or {@code fallback} when the key is absent. */
    public static long parseWholeNumber(TriggerConfig config, String key, long fallback) throws ScalerConfigException {
        String text = config.param(key);
        if (text == null) {
            return fallback;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw error(key, "must be a whole number, got '" + text + "'");
        }
    }

    /** A whole number of at least 1. */
    public static int parsePositiveInt(String key, String text) throws ScalerConfigException {
        int v;
        try {
            v = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw error(key, "must be a whole number, got '" + text + "'");
        }
        if (v < 1) {
            throw error(key, "must be at least 1, got " + v);
        }
        return v;
    }

    /** Accepts the spellings Go's strconv.ParseBool accepts, since KEDA manifests use them. */
    public static boolean parseBool(TriggerConfig config, String key, boolean fallback) throws ScalerConfigException {
        String text = config.param(key);
        if (text == null) {
            return fallback;
        }
        return switch (text.trim()) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> throw error(key, "must be true or false, got '" + text + "'");
        };
    }

    /** An error on {@code metadata.<key>}; the message is prefixed with the field. */
    public static ScalerConfigException error(String key, String message) {
        return new ScalerConfigException("metadata." + key, "metadata." + key + " " + message);
    }
}
