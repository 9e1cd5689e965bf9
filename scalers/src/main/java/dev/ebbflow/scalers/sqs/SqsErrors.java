package dev.ebbflow.scalers.sqs;

import dev.ebbflow.scalers.MetadataSecrets;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Turns AWS SDK failures of a GetQueueAttributes read into messages a user can act on. Every
 * library message goes through {@link MetadataSecrets#scrub}, since AWS may echo a signed request (and with it
 * a session token) in a signature error.
 */
final class SqsErrors {

    /** Error codes of a missing queue: the JSON protocol's and the query protocol's (sent in x-amzn-query-error). */
    static final Set<String> QUEUE_MISSING = Set.of("QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue");
    static final Set<String> THROTTLED = Set.of("ThrottlingException", "Throttling", "RequestThrottled", "RequestThrottledException",
            "TooManyRequestsException", "KmsThrottled");
    static final Set<String> UNAUTHORISED = Set.of("AccessDenied", "AccessDeniedException", "InvalidClientTokenId", "UnrecognizedClientException",
            "SignatureDoesNotMatch", "IncompleteSignature", "MissingAuthenticationToken", "InvalidSecurity", "ExpiredToken",
            "ExpiredTokenException", "RequestExpired", "AuthFailure", "KmsAccessDenied");

    private SqsErrors() {
    }

    static String describe(SdkException e, SqsMetadata m, String where) {
        String queue = "queue '" + m.queueName() + "'";
        String[] secrets = m.authentication().secrets();
        RoleAssumptionFailure credentials = cause(e, RoleAssumptionFailure.class);
        if (credentials != null) {
            return "no AWS credentials to read " + queue + ": " + MetadataSecrets.scrub(credentials.getMessage(), secrets);
        }
        if (e instanceof AwsServiceException service) {
            String code = code(service);
            if (service instanceof QueueDoesNotExistException || QUEUE_MISSING.contains(code)) {
                return queue + " does not exist at " + where + " (" + code + ")";
            }
            if (THROTTLED.contains(code) || service.statusCode() == 429) {
                return "SQS at " + where + " throttled the read of " + queue + ": " + serviceError(service, secrets);
            }
            if (isUnauthorised(service)) {
                return "SQS at " + where + " refused to read " + queue + " with " + who(m) + ": " + serviceError(service, secrets);
            }
            return "SQS at " + where + " failed to read " + queue + ": " + serviceError(service, secrets);
        }
        if (cause(e, ApiCallTimeoutException.class) != null || cause(e, SocketTimeoutException.class) != null) {
            return "SQS at " + where + " did not answer in time for " + queue;
        }
        Throwable unreachable = unreachable(e);
        if (unreachable != null) {
            return "cannot reach SQS at " + where + ": " + describe(unreachable, secrets);
        }
        return "reading " + queue + " from SQS at " + where + " failed: " + describe(e, secrets);
    }

    /** Whether SQS refused the caller (bad credentials or a missing permission). */
    static boolean isUnauthorised(AwsServiceException e) {
        return UNAUTHORISED.contains(code(e)) || e.statusCode() == 401 || e.statusCode() == 403;
    }

    private static String who(SqsMetadata m) {
        AwsAuthentication a = m.authentication();
        String source = a.source() == AwsAuthentication.Source.STATIC_KEYS ? "access key " + a.accessKeyId() : "the operator's default credentials";
        return a.roleArn() == null ? source : "role " + a.roleArn() + " (assumed with " + source + ")";
    }

    private static String serviceError(AwsServiceException e, String[] secrets) {
        String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        return e.statusCode() + " " + code(e) + (message == null || message.isBlank() ? "" : ": " + MetadataSecrets.scrub(message, secrets));
    }

    private static String code(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return code == null ? "unknown error" : code;
    }

    /** A library exception's class and scrubbed message. */
    private static String describe(Throwable t, String[] secrets) {
        String msg = MetadataSecrets.scrub(t.getMessage(), secrets);
        return t.getClass().getSimpleName() + (msg == null || msg.isBlank() ? "" : ": " + msg);
    }

    private static Throwable unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException) {
                return t;
            }
        }
        return null;
    }

    static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
