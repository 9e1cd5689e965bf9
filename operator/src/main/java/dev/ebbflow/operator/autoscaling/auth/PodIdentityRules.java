package dev.ebbflow.operator.autoscaling.auth;

import dev.ebbflow.crds.keda.auth.PodIdentity;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** KEDA's documented rules for {@code spec.podIdentity}. */
final class PodIdentityRules {

    static final String NONE = "none";
    /** {@code aws-eks} is deprecated in KEDA but still accepted. */
    static final Set<String> PROVIDERS = Set.of(NONE, "azure-workload", "aws", "aws-eks", "gcp");

    /** A broken rule: the field under {@code spec.podIdentity} and what is wrong with it. */
    record Violation(String field, String problem) {
    }

    private PodIdentityRules() {
    }

    /** The first rule {@code identity} breaks, as a field relative to {@code spec.podIdentity} and a problem. */
    static Optional<Violation> violation(PodIdentity identity) {
        String provider = identity.getProvider();
        if (isBlank(provider)) {
            return problem("provider", "is required (one of " + sorted() + ")");
        }
        if (!PROVIDERS.contains(provider)) {
            return problem("provider", "unknown provider '" + provider + "' (one of " + sorted() + ")");
        }
        if (provider.equals("azure-workload")) {
            if (!isBlank(identity.getIdentityTenantId()) && isBlank(identity.getIdentityId())) {
                return problem("identityTenantId", "needs identityId to be set too");
            }
            if (!isBlank(identity.getIdentityAuthorityHost()) && isBlank(identity.getIdentityTenantId())) {
                return problem("identityAuthorityHost", "needs identityTenantId to be set too");
            }
        }
        if (provider.equals("aws")) {
            if (!isBlank(identity.getRoleArn()) && !isBlank(identity.getIdentityOwner())) {
                return problem("identityOwner", "cannot be set together with roleArn");
            }
            String owner = identity.getIdentityOwner();
            if (!isBlank(owner) && !owner.equals("keda") && !owner.equals("workload")) {
                return problem("identityOwner", "must be keda or workload, not '" + owner + "'");
            }
            // KEDA reads the role from the workload's ServiceAccount (eks.amazonaws.com/role-arn); Ebbflow does
            // not watch ServiceAccounts, and silently reading with its own role instead would be wrong.
            if ("workload".equals(owner)) {
                return problem("identityOwner", "workload is not supported: Ebbflow does not read the workload's ServiceAccount; "
                        + "set spec.podIdentity.roleArn to the role in its eks.amazonaws.com/role-arn annotation instead, which "
                        + "Ebbflow assumes with its own web identity (AssumeRoleWithWebIdentity, then AssumeRole), as KEDA does");
            }
        }
        return Optional.empty();
    }

    private static Optional<Violation> problem(String field, String text) {
        return Optional.of(new Violation(field, text));
    }

    private static String sorted() {
        return String.join(", ", new TreeSet<>(PROVIDERS));
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
