package dev.ebbflow.provisioner.cloud;

/** A cloud call that failed; the message never carries credentials. */
public class CloudProviderException extends Exception {

    public CloudProviderException(String message) {
        super(message);
    }

    public CloudProviderException(String message, Throwable cause) {
        super(message, cause);
    }
}
