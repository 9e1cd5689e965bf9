package dev.ebbflow.scalers.sqs;

import dev.ebbflow.scalers.MetadataSecrets;

/**
 * Whose AWS credentials a trigger reads with: static keys from a TriggerAuthentication, or the
 * SDK's default credentials chain (the operator's own identity: IRSA, EKS Pod Identity,
 * environment, instance profile), optionally exchanged for a role through STS AssumeRole.
 * {@link #toString()} shows the access key id and role only, never the secret or the token.
 *
 * @param accessKeyId null when the default chain is the source
 * @param roleArn the role to assume with the source credentials, or null to use them directly
 */
public record AwsAuthentication(Source source, String accessKeyId, String secretAccessKey, String sessionToken, String roleArn) {

    public enum Source {
        /** {@code awsAccessKeyID} / {@code awsSecretAccessKey} / {@code awsSessionToken}. */
        STATIC_KEYS,
        /**
         * The operator's own identity: its web identity when {@code AWS_WEB_IDENTITY_TOKEN_FILE} and
         * {@code AWS_ROLE_ARN} are set (IRSA), else the SDK's default credentials chain.
         */
        DEFAULT_CHAIN
    }

    static AwsAuthentication staticKeys(String accessKeyId, String secretAccessKey, String sessionToken, String roleArn) {
        return new AwsAuthentication(Source.STATIC_KEYS, accessKeyId, secretAccessKey, sessionToken, roleArn);
    }

    static AwsAuthentication defaultChain(String roleArn) {
        return new AwsAuthentication(Source.DEFAULT_CHAIN, null, null, null, roleArn);
    }

    /** Triggers with equal identities may share a client; a digest, so no secret becomes a map key. */
    String identity() {
        return MetadataSecrets.digest(String.join("\u0000", source.name(), String.valueOf(accessKeyId), String.valueOf(secretAccessKey),
                String.valueOf(sessionToken), String.valueOf(roleArn)));
    }

    /** The values no message may quote. */
    String[] secrets() {
        return new String[] {secretAccessKey, sessionToken};
    }

    @Override
    public String toString() {
        return "AwsAuthentication[source=" + source + (accessKeyId == null ? "" : ", accessKeyId=" + accessKeyId)
                + (secretAccessKey == null ? "" : ", secretAccessKey=***") + (sessionToken == null ? "" : ", sessionToken=***")
                + (roleArn == null ? "" : ", roleArn=" + roleArn) + "]";
    }
}
