package dev.ebbflow.scalers;

import java.util.Locale;

/**
 * KEDA's names of scalers. KEDA labels its scaler metrics ({@code keda_scaler_metrics_value{scaler=...}}
 * and the others) with the Go type name of the scaler, e.g. {@code rabbitMQScaler} for trigger type
 * {@code rabbitmq}; dashboards and alerts match those values.
 */
public final class ScalerNames {

    private static final String SUFFIX = "Scaler";

    private ScalerNames() {
    }

    /**
     * A KEDA-style name derived from a trigger type, for a factory that does not declare its own:
     * the dashed words camel-cased, plus {@code Scaler} ({@code aws-sqs-queue} gives {@code awsSqsQueueScaler}).
     * KEDA's own names do not always follow this rule, which is why each factory declares its name.
     */
    public static String fromType(String type) {
        StringBuilder name = new StringBuilder();
        boolean upper = false;
        for (char c : type.toCharArray()) {
            if (c == '-' || c == '_' || c == '.') {
                upper = name.length() > 0;
            } else {
                name.append(upper ? Character.toUpperCase(c) : name.length() == 0 ? Character.toLowerCase(c) : c);
                upper = false;
            }
        }
        return (name.length() == 0 ? type.toLowerCase(Locale.ROOT) : name.toString()) + SUFFIX;
    }
}
