package dev.ebbflow.scalers;

/**
 * A read of a trigger source that failed (source down, queue missing, credentials refused, timeout).
 * Counted as a scaler error and, past {@code fallback.failureThreshold}, answered by the fallback.
 * The message never quotes a credential.
 */
public class ScalerException extends Exception {

    public ScalerException(String message) {
        super(message);
    }

    public ScalerException(String message, Throwable cause) {
        super(message, cause);
    }
}
