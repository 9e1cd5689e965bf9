package dev.ebbflow.scalers.sqs;

import dev.ebbflow.scalers.MetadataSecrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleWithWebIdentityCredentialsProvider;
import software.amazon.awssdk.services.sts.auth.StsCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityRequest;
import software.amazon.awssdk.services.sts.model.StsException;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Credentials of one IAM role, obtained from STS by one call and cached by the SDK until shortly
 * before they expire. A failure is reported as a {@link RoleAssumptionFailure} naming the call and
 * the role, so a read error tells which exchange failed and why.
 */
final class RoleCredentials implements AwsCredentialsProvider, SdkAutoCloseable {

    private final String action;
    private final String roleArn;
    private final StsCredentialsProvider sts;
    private final String[] secrets;

    private RoleCredentials(String action, String roleArn, StsCredentialsProvider sts, String[] secrets) {
        this.action = action;
        this.roleArn = roleArn;
        this.sts = sts;
        this.secrets = secrets;
    }

    /** AssumeRole, signed by the STS client's own credentials. */
    static RoleCredentials assumeRole(StsClient signedSts, String roleArn, String sessionName, String[] secrets) {
        return new RoleCredentials(StsActions.ASSUME_ROLE, roleArn, StsAssumeRoleCredentialsProvider.builder()
                .stsClient(signedSts)
                .refreshRequest(r -> r.roleArn(roleArn).roleSessionName(sessionName))
                .asyncCredentialUpdateEnabled(false)
                .build(), secrets);
    }

    /** AssumeRoleWithWebIdentity with the operator's token, read afresh at each exchange since the kubelet renews it. */
    static RoleCredentials withWebIdentity(StsClient anonymousSts, OperatorWebIdentity identity, String roleArn, String sessionName) {
        return new RoleCredentials(StsActions.WEB_IDENTITY, roleArn, StsAssumeRoleWithWebIdentityCredentialsProvider.builder()
                .stsClient(anonymousSts)
                .refreshRequest(() -> AssumeRoleWithWebIdentityRequest.builder()
                        .roleArn(roleArn)
                        .roleSessionName(sessionName)
                        .webIdentityToken(token(identity))
                        .build())
                .asyncCredentialUpdateEnabled(false)
                .build(), new String[0]);
    }

    private static String token(OperatorWebIdentity identity) {
        try {
            return Files.readString(identity.tokenFile(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw failure(new RoleAssumptionFailure("cannot read the web identity token file " + identity.tokenFile() + " ("
                    + OperatorWebIdentity.TOKEN_FILE + "): " + e.getClass().getSimpleName()));
        }
    }

    @Override
    public AwsCredentials resolveCredentials() {
        try {
            return sts.resolveCredentials();
        } catch (SdkException e) {
            if (SqsErrors.cause(e, RoleAssumptionFailure.class) != null) {
                throw e;
            }
            StsException answer = SqsErrors.cause(e, StsException.class);
            if (answer != null) {
                throw failure(RoleAssumptionFailure.of(action, roleArn, answer, secrets));
            }
            // No answer (STS unreachable, timed out): said as such, or the read error would blame SQS.
            throw failure(new RoleAssumptionFailure(MetadataSecrets.scrub(
                    action + " of role " + roleArn + " failed without an answer from STS: " + e.getMessage(), secrets)));
        }
    }

    /** The SDK exception a read fails with, carrying the worded reason. */
    static SdkClientException failure(RoleAssumptionFailure reason) {
        return SdkClientException.builder().message(reason.getMessage()).cause(reason).build();
    }

    @Override
    public void close() {
        sts.close();
    }

    @Override
    public String toString() {
        return "RoleCredentials[" + action + " " + roleArn + "]";
    }
}
