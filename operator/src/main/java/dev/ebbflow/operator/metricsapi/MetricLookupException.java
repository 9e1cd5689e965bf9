package dev.ebbflow.operator.metricsapi;

/**
 * Why a metric could not be read: it does not exist (404 to the HPA, which then stops asking for
 * it) or its source is temporarily unavailable (503, so the HPA keeps the current scale and retries).
 */
public class MetricLookupException extends Exception {
    public enum Kind { NOT_FOUND, UNAVAILABLE }

    private final Kind kind;

    private MetricLookupException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public static MetricLookupException notFound(String message) {
        return new MetricLookupException(Kind.NOT_FOUND, message, null);
    }

    public static MetricLookupException unavailable(String message, Throwable cause) {
        return new MetricLookupException(Kind.UNAVAILABLE, message, cause);
    }

    public Kind kind() {
        return kind;
    }
}
