package dev.ebbflow.scalers.sqs;

import dev.ebbflow.scalers.MetadataValues;
import dev.ebbflow.scalers.ScalerConfigException;
import dev.ebbflow.scalers.TriggerConfig;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a trigger's AWS authentication as KEDA documents it for AWS scalers: the TriggerAuthentication
 * parameters {@code awsAccessKeyID}, {@code awsSecretAccessKey}, {@code awsSessionToken},
 * {@code awsRoleArn} (also where the operator puts {@code spec.podIdentity.roleArn});
 * {@code spec.podIdentity.provider} {@code aws} (the operator's own identity: its web identity, else
 * the SDK default chain); and the deprecated metadata {@code identityOwner: operator}. Errors on authentication parameters name the
 * trigger's {@code authenticationRef} and the parameter, never its value.
 */
final class AwsAuthenticationParser {

    static final String ACCESS_KEY_ID = "awsAccessKeyID";
    static final String ACCESS_KEY_ID_LOWER_D = "awsAccessKeyId";
    static final String SECRET_ACCESS_KEY = "awsSecretAccessKey";
    static final String SESSION_TOKEN = "awsSessionToken";
    static final String ROLE_ARN = "awsRoleArn";
    static final String AUTH_FIELD = "authenticationRef";

    private static final Logger LOG = LoggerFactory.getLogger(AwsAuthenticationParser.class);
    private static final Pattern ROLE_ARN_PATTERN = Pattern.compile("arn:aws[a-zA-Z-]*:iam::\\d{12}:role/.+");

    private AwsAuthenticationParser() {
    }

    static AwsAuthentication parse(TriggerConfig config) throws ScalerConfigException {
        if (operatorOwnsIdentity(config)) {
            return AwsAuthentication.defaultChain(null);
        }
        String roleArn = roleArn(config);
        String provider = config.podIdentityProvider() == null ? "" : config.podIdentityProvider().trim().toLowerCase(Locale.ROOT);
        switch (provider) {
            case "", "none":
                return fromParameters(config, roleArn);
            case "aws":
                return AwsAuthentication.defaultChain(roleArn);
            case "aws-eks":
                // Still accepted by KEDA 2.x (deprecated, removal announced for v3); its web identity
                // comes from the operator's environment, which the default chain reads.
                LOG.warn("trigger {} uses spec.podIdentity.provider aws-eks, which KEDA deprecated; use provider aws", config.index());
                return AwsAuthentication.defaultChain(roleArn);
            case "aws-kiam":
                throw authError("spec.podIdentity.provider 'aws-kiam' of the TriggerAuthentication was removed in KEDA 2.15 "
                        + "(KIAM is unmaintained); use provider 'aws'");
            default:
                throw authError("spec.podIdentity.provider '" + config.podIdentityProvider() + "' of the TriggerAuthentication is not an AWS "
                        + "identity provider; the aws-sqs-queue trigger supports 'aws' (or 'none' with access keys or awsRoleArn)");
        }
    }

    /** {@code identityOwner: operator}: the operator's own credentials, no TriggerAuthentication needed (KEDA's deprecated switch). */
    private static boolean operatorOwnsIdentity(TriggerConfig config) throws ScalerConfigException {
        String owner = config.metadata().get("identityOwner");
        if (owner == null || owner.isBlank()) {
            return false;
        }
        return switch (owner.trim().toLowerCase(Locale.ROOT)) {
            case "pod" -> false;
            case "operator" -> true;
            case "workload" -> throw MetadataValues.error("identityOwner", "must be pod or operator; 'workload' is a value of the "
                    + "TriggerAuthentication's spec.podIdentity.identityOwner, not of this deprecated trigger field");
            default -> throw MetadataValues.error("identityOwner", "must be pod or operator, got '" + owner + "'");
        };
    }

    private static AwsAuthentication fromParameters(TriggerConfig config, String roleArn) throws ScalerConfigException {
        // KEDA reads both spellings of the key id.
        String keyId = authParam(config, ACCESS_KEY_ID) != null ? authParam(config, ACCESS_KEY_ID) : authParam(config, ACCESS_KEY_ID_LOWER_D);
        String secret = authParam(config, SECRET_ACCESS_KEY);
        String token = authParam(config, SESSION_TOKEN);
        if (keyId != null && secret == null) {
            throw authError("TriggerAuthentication parameter " + SECRET_ACCESS_KEY + " is required when " + ACCESS_KEY_ID + " is set");
        }
        if (secret != null && keyId == null) {
            throw authError("TriggerAuthentication parameter " + ACCESS_KEY_ID + " is required when " + SECRET_ACCESS_KEY + " is set");
        }
        if (token != null && keyId == null) {
            throw authError("TriggerAuthentication parameter " + SESSION_TOKEN + " needs " + ACCESS_KEY_ID + " and " + SECRET_ACCESS_KEY);
        }
        if (keyId != null) {
            return AwsAuthentication.staticKeys(keyId, secret, token, roleArn);
        }
        if (roleArn != null) {
            return AwsAuthentication.defaultChain(roleArn);
        }
        throw authError("no AWS credentials: give the TriggerAuthentication parameters " + ACCESS_KEY_ID + " and " + SECRET_ACCESS_KEY
                + ", or " + ROLE_ARN + ", or spec.podIdentity.provider 'aws', or set metadata.identityOwner to operator");
    }

    private static String roleArn(TriggerConfig config) throws ScalerConfigException {
        String arn = authParam(config, ROLE_ARN);
        if (arn != null && !ROLE_ARN_PATTERN.matcher(arn).matches()) {
            throw authError("TriggerAuthentication parameter " + ROLE_ARN + " is not an IAM role ARN (arn:aws:iam::<account id>:role/<name>)");
        }
        return arn;
    }

    /** Credentials live in the TriggerAuthentication only: a secret in trigger metadata would be printed with it. */
    private static String authParam(TriggerConfig config, String key) {
        String v = config.authParams().get(key);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static ScalerConfigException authError(String message) {
        return new ScalerConfigException(AUTH_FIELD, AUTH_FIELD + ": " + message);
    }
}
