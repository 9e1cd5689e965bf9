package dev.ebbflow.operator.autoscaling.auth;

import dev.ebbflow.crds.keda.auth.PodIdentity;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * KEDA's documented rules for {@code spec.podIdentity} ({@link #violation}), and what Ebbflow cannot do
 * of what they allow ({@link #unsupported}). Resolution refuses both; admission refuses only the first,
 * since a manifest KEDA accepts must still apply.
 */
public final class PodIdentityRules {

    static final String NONE = "none";
    static final String AZURE_WORKLOAD = "azure-workload";
    static final String AWS = "aws";
    /** {@code aws-eks} is deprecated in KEDA but still accepted. */
    static final String AWS_EKS = "aws-eks";
    static final Set<String> PROVIDERS = Set.of(NONE, AZURE_WORKLOAD, AWS, AWS_EKS, "gcp");

    /** A broken rule: the field under {@code spec.podIdentity} and what is wrong with it. */
    public record Violation(String field, String problem) {
        @Override
        public String toString() {
            return "spec.podIdentity." + field + ": " + problem;
        }
    }

    private PodIdentityRules() {
    }

    /** The first of KEDA's rules {@code identity} breaks, as a field relative to {@code spec.podIdentity} and a problem. */
    public static Optional<Violation> violation(PodIdentity identity) {
        String provider = identity.getProvider();
        if (isBlank(provider)) {
            return problem("provider", "is required (one of " + sorted() + ")");
        }
        if (!PROVIDERS.contains(provider)) {
            return problem("provider", "unknown provider '" + provider + "' (one of " + sorted() + ")");
        }
        // KEDA passes an unset identity on as "use the default one"; a set but empty one is always a mistake.
        for (String[] field : new String[][] {{"identityId", identity.getIdentityId()}, {"identityTenantId", identity.getIdentityTenantId()},
                {"identityAuthorityHost", identity.getIdentityAuthorityHost()}, {"roleArn", identity.getRoleArn()}}) {
            if (field[1] != null && field[1].isBlank()) {
                return problem(field[0], "must not be empty; leave it out to use the default identity");
            }
        }
        Optional<Violation> foreign = onlyWith(provider, AZURE_WORKLOAD, Set.of(AZURE_WORKLOAD), "identityId", identity.getIdentityId())
                .or(() -> onlyWith(provider, AZURE_WORKLOAD, Set.of(AZURE_WORKLOAD), "identityTenantId", identity.getIdentityTenantId()))
                .or(() -> onlyWith(provider, AZURE_WORKLOAD, Set.of(AZURE_WORKLOAD), "identityAuthorityHost", identity.getIdentityAuthorityHost()))
                .or(() -> onlyWith(provider, AWS, Set.of(AWS, AWS_EKS), "roleArn", identity.getRoleArn()))
                .or(() -> onlyWith(provider, AWS, Set.of(AWS), "identityOwner", identity.getIdentityOwner()));
        if (foreign.isPresent()) {
            return foreign;
        }
        if (provider.equals(AZURE_WORKLOAD)) {
            if (!isBlank(identity.getIdentityTenantId()) && isBlank(identity.getIdentityId())) {
                return problem("identityTenantId", "needs identityId to be set too");
            }
            if (!isBlank(identity.getIdentityAuthorityHost()) && isBlank(identity.getIdentityTenantId())) {
                return problem("identityAuthorityHost", "needs identityTenantId to be set too");
            }
        }
        String owner = identity.getIdentityOwner();
        if (!isBlank(owner) && !owner.equals("keda") && !owner.equals("workload")) {
            return problem("identityOwner", "must be keda or workload, not '" + owner + "'");
        }
        if (!isBlank(identity.getRoleArn()) && "workload".equals(owner)) {
            return problem("identityOwner", "cannot be workload when roleArn is set: the role is assumed with the operator's own identity");
        }
        return Optional.empty();
    }

    /** What Ebbflow cannot do of what KEDA's rules allow, for an identity that passed {@link #violation}. */
    public static Optional<Violation> unsupported(PodIdentity identity) {
        // KEDA reads the role from the workload's ServiceAccount (eks.amazonaws.com/role-arn); Ebbflow does
        // not watch ServiceAccounts, and silently reading with its own role instead would be wrong.
        if (AWS.equals(identity.getProvider()) && "workload".equals(identity.getIdentityOwner())) {
            return problem("identityOwner", "workload is not supported: Ebbflow does not read the workload's ServiceAccount; "
                    + "set spec.podIdentity.roleArn to the role in its eks.amazonaws.com/role-arn annotation instead, which "
                    + "Ebbflow assumes with its own web identity (AssumeRoleWithWebIdentity, then AssumeRole), as KEDA does");
        }
        return Optional.empty();
    }

    /** The provider a TriggerAuthentication passes on to its scalers: null for none. */
    static String effectiveProvider(PodIdentity identity) {
        return NONE.equals(identity.getProvider()) ? null : identity.getProvider();
    }

    private static Optional<Violation> onlyWith(String provider, String owner, Set<String> owners, String field, String value) {
        if (value == null || owners.contains(provider)) {
            return Optional.empty();
        }
        return problem(field, "is only used with provider " + owner + ", not with '" + provider + "'");
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
