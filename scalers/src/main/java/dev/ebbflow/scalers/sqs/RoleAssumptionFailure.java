package dev.ebbflow.scalers.sqs;

import dev.ebbflow.scalers.MetadataSecrets;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * Why credentials could not be obtained from STS, already worded for the user (which call, which
 * role, what STS said and what usually causes it). Travels as the cause of the SDK exception that
 * fails the read, where {@link SqsErrors} finds it.
 */
final class RoleAssumptionFailure extends RuntimeException {

    /** A JWT (the service account token) must never be quoted, even if STS echoes it. */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    RoleAssumptionFailure(String message) {
        super(JWT.matcher(message).replaceAll("***"), null, false, false);
    }

    /** {@code <action> of role <arn> failed: STS answered <status> <code>: <message> (<hint>)}. */
    static RoleAssumptionFailure of(String action, String roleArn, StsException e, String[] secrets) {
        String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? "unknown error" : e.awsErrorDetails().errorCode();
        String text = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        String answered = e.statusCode() + " " + code + (text == null || text.isBlank() ? "" : ": " + text);
        String hint = hint(action, code);
        return new RoleAssumptionFailure(MetadataSecrets.scrub(
                action + " of role " + roleArn + " failed: STS answered " + answered + (hint == null ? "" : " (" + hint + ")"), secrets));
    }

    /** What the STS API reference and KEDA's AWS notes give as the usual cause of each documented error. */
    static String hint(String action, String code) {
        boolean web = action.equals(StsActions.WEB_IDENTITY);
        return switch (code) {
            case "InvalidIdentityToken" -> "the service account token was not accepted: register the cluster's OIDC issuer as an IAM identity provider";
            case "ExpiredTokenException", "ExpiredToken" -> web
                    ? "the service account token has expired: AWS_WEB_IDENTITY_TOKEN_FILE must be a projected token, which the kubelet renews"
                    : "the credentials that sign AssumeRole have expired";
            case "IDPRejectedClaim" -> "the token's claims do not satisfy the role's trust policy (sub system:serviceaccount:<namespace>:<name>, "
                    + "aud sts.amazonaws.com)";
            case "IDPCommunicationError" -> "STS could not reach the cluster's OIDC issuer; the next poll tries again";
            case "AccessDenied", "AccessDeniedException" -> web
                    ? "the role's trust policy does not allow sts:AssumeRoleWithWebIdentity for the operator's service account; "
                    + "where the global endpoint is refused, use the regional STS endpoint (AWS_STS_REGIONAL_ENDPOINTS=regional)"
                    : "the caller may not sts:AssumeRole this role, or the role does not trust the caller";
            case "RegionDisabledException" -> "STS is not activated for the account in this region";
            case "MalformedPolicyDocument", "PackedPolicyTooLarge" -> "the session policy was refused";
            default -> null;
        };
    }
}
