package dev.ebbflow.scalers.sqs;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's own AWS web identity, as IRSA's pod identity webhook injects it into the operator
 * pod: a projected service account token ({@code AWS_WEB_IDENTITY_TOKEN_FILE}, renewed by the
 * kubelet, so it is read again at every exchange) and the role it stands for ({@code AWS_ROLE_ARN}).
 * The same token also asks STS for a trigger's own role first, as KEDA does for
 * {@code podIdentity.roleArn}, before falling back to AssumeRole.
 *
 * @param sessionName {@code AWS_ROLE_SESSION_NAME}, or the scaler's own session name
 */
record OperatorWebIdentity(Path tokenFile, String roleArn, String sessionName) {

    static final String TOKEN_FILE = "AWS_WEB_IDENTITY_TOKEN_FILE";
    static final String ROLE_ARN = "AWS_ROLE_ARN";
    static final String SESSION_NAME = "AWS_ROLE_SESSION_NAME";
    static final String DEFAULT_SESSION_NAME = "ebbflow-aws-sqs-queue";

    /** Present only when both the token file and the role are set, as the AWS SDKs require. */
    static Optional<OperatorWebIdentity> fromEnvironment(Map<String, String> env) {
        String file = env.get(TOKEN_FILE);
        String role = env.get(ROLE_ARN);
        if (file == null || file.isBlank() || role == null || role.isBlank()) {
            return Optional.empty();
        }
        String session = env.get(SESSION_NAME);
        return Optional.of(new OperatorWebIdentity(Path.of(file.trim()), role.trim(),
                session == null || session.isBlank() ? DEFAULT_SESSION_NAME : session.trim()));
    }
}
