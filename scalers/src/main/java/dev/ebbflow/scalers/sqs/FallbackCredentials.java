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

    /** Web identity first, AssumeRole second. */
    private final AwsCredentialsProvider[] sources;
    /** Index of the source that last worked. */
    private volatile int preferred;

    FallbackCredentials(AwsCredentialsProvider first, AwsCredentialsProvider second) {
        this.sources = new AwsCredentialsProvider[] {first, second};
    }

    @Override
    public AwsCredentials resolveCredentials() {
        int p = preferred;
        try {
            return sources[p].resolveCredentials();
        } catch (SdkException preferredFailure) {
            try {
                AwsCredentials credentials = sources[1 - p].resolveCredentials();
                preferred = 1 - p;
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
