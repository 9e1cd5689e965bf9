package dev.ebbflow.provisioner.azure;

import dev.ebbflow.provisioner.cloud.CloudProviderException;

/**
 * Azure refused our credentials (401) or their rights (403): nothing a retry fixes, so it is reported
 * on the node class and as an Event rather than retried in a loop.
 */
public final class AzureAuthorizationException extends CloudProviderException {

    public AzureAuthorizationException(String message, Throwable cause) {
        super(message, cause);
    }
}
