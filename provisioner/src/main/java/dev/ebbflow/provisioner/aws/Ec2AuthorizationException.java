package dev.ebbflow.provisioner.aws;

import dev.ebbflow.provisioner.cloud.CloudProviderException;

/**
 * EC2 refused a call for want of permission (UnauthorizedOperation, AuthFailure, AccessDenied): no
 * retry helps until the operator's IAM policy changes, so it is reported on the EC2NodeClass rather
 * than retried in a loop.
 */
public class Ec2AuthorizationException extends CloudProviderException {

    public Ec2AuthorizationException(String message, Throwable cause) {
        super(message, cause);
    }
}
