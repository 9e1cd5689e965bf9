package dev.ebbflow.scalers.sqs;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * KEDA's documented order for a role named in the TriggerAuthentication: AssumeRoleWithWebIdentity
 * first (no sts:AssumeRole permission needed when the role trusts the operator's service account),
 * AssumeRole if that fails. The source that last worked is tried first, so a role reached by the
 * fallback does not cost a refused web identity call at every read.
 */
final class FallbackCredentials implements AwsCredentialsProvider {

    private final AwsCredentialsProvider first;
    private final AwsCredentialsProvider second;
    private volatile boolean secondWorked;

    FallbackCredentials(AwsCredentialsProvider first, AwsCredentialsProvider second) {
        this.first = first;
        this.second = second;
    }

    @Override
    public AwsCredentials resolveCredentials() {
        AwsCredentialsProvider preferred = secondWorked ? second : first;
        AwsCredentialsProvider other = secondWorked ? first : second;
        try {
            return preferred.resolveCredentials();
        } catch (SdkException preferredFailure) {
            try {
                AwsCredentials credentials = other.resolveCredentials();
                secondWorked = other == second;
                return credentials;
            } catch (SdkException otherFailure) {
                throw RoleCredentials.failure(new RoleAssumptionFailure(reason(preferredFailure) + "; then " + reason(otherFailure)));
            }
        }
    }

    private static String reason(SdkException e) {
        RoleAssumptionFailure worded = SqsErrors.cause(e, RoleAssumptionFailure.class);
        return worded != null ? worded.getMessage() : e.getMessage();
    }
}
