package dev.ebbflow.provisioner.cloud;

/** The instance behind a NodeClaim (or a provider ID) does not exist (any more). */
public class NodeClaimNotFoundException extends CloudProviderException {

    public NodeClaimNotFoundException(String message) {
        super(message);
    }
}
