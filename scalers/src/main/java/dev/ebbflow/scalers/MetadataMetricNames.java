package dev.ebbflow.scalers;

/**
 * KEDA's external metric names: {@code s<index>-<normalised id>}, where the id is the scaler's own
 * (e.g. {@code rabbitmq-<escaped queue>}, {@code azure-servicebus-<queue>}) and normalising turns
 * the characters metric names cannot hold into dashes.
 */
public final class MetadataMetricNames {

    private static final String REPLACED = "/.:%()";

    private MetadataMetricNames() {
    }

    /** {@code s<index>-<id>} with {@code id} normalised. */
    public static String withIndex(int index, String id) {
        return "s" + index + "-" + normalize(id);
    }

    /** KEDA's NormalizeString: {@code / . : % ( )} become dashes. */
    public static String normalize(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            out.append(REPLACED.indexOf(c) >= 0 ? '-' : c);
        }
        return out.toString();
    }
}
