package dev.ebbflow.scalers;

/**
 * Reads typed values out of a trigger's metadata (or its TriggerAuthentication parameters, see
 * {@link TriggerConfig#param(String)}) with the errors every scaler gives: each names the field as
 * {@code metadata.<key>}. Only non-secret fields may be read this way, since a malformed value is
 * quoted back to the user.
 */
public final class MetadataValues {

    private MetadataValues() {
    }

    /** The error for {@code metadata.<key>}; the message starts with the field name. */
    public static ScalerConfigException error(String key, String message) {
        return new ScalerConfigException("metadata." + key, "metadata." + key + " " + message);
    }

    /** A finite decimal number, or {@code fallback} when the key is absent. */
    public static double number(TriggerConfig config, String key, double fallback) throws ScalerConfigException {
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

    /** A whole number of at least {@code min}, or {@code fallback} when the key is absent. */
    public static long wholeNumber(TriggerConfig config, String key, long fallback, long min) throws ScalerConfigException {
        String text = config.param(key);
        if (text == null) {
            return fallback;
        }
        long v;
        try {
            v = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw error(key, "must be a whole number, got '" + text + "'");
        }
        if (v < min) {
            throw error(key, "must be at least " + min + ", got " + v);
        }
        return v;
    }

    /** {@code text} as an int of at least 1. */
    public static int positiveInt(String key, String text) throws ScalerConfigException {
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
    public static boolean bool(TriggerConfig config, String key, boolean fallback) throws ScalerConfigException {
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
}
