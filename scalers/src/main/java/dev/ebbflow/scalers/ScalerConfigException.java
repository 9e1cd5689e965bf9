package dev.ebbflow.scalers;

/**
 * A trigger that cannot work as written. {@link #field()} names the offending field as a user
 * would find it in the manifest (e.g. {@code metadata.queueName}); the message never quotes a
 * credential.
 */
public class ScalerConfigException extends Exception {

    private final String field;

    public ScalerConfigException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
