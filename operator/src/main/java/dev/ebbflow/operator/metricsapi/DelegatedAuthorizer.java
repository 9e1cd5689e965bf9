package dev.ebbflow.operator.metricsapi;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Decides whether a caller may make a request, as an aggregated API server with delegated authorization
 * does: some paths and groups are always allowed, everything else is asked of the API server with a
 * SubjectAccessReview, whose answer is cached (allowed and denied answers each for their own time) so
 * that the HPA's steady polling costs no API call. An answer past half its time is reviewed again in the
 * background while it is still served, so a caller asking steadily never waits for a review. A failed review
 * is not cached and fails the request that waited for it.
 */
public final class DelegatedAuthorizer {
    /** The API server's answer; {@code reason} is what it said, possibly empty. */
    public record Decision(boolean allowed, String reason) {
        public Decision {
            reason = reason == null ? "" : reason;
        }

        public static Decision allow(String reason) {
            return new Decision(true, reason);
        }

        public static Decision deny(String reason) {
            return new Decision(false, reason);
        }
    }

    /** Asks the API server (a SubjectAccessReview); may block; throws when it got no answer. */
    @FunctionalInterface
    public interface AccessReviewer {
        Decision review(UserInfo user, RequestAttributes attributes) throws Exception;
    }

    /**
     * @param alwaysAllowPaths non-resource paths allowed without a review; a trailing {@code *} matches a prefix
     * @param alwaysAllowGroups callers in any of these groups are allowed without a review
     */
    public record Policy(Duration allowedTtl, Duration deniedTtl, List<String> alwaysAllowPaths, Set<String> alwaysAllowGroups) {
        public Policy {
            alwaysAllowPaths = List.copyOf(alwaysAllowPaths);
            alwaysAllowGroups = Set.copyOf(alwaysAllowGroups);
        }

        /**
         * The defaults of Kubernetes' delegated authorization (k8s.io/apiserver): answers cached 10 s either
         * way ({@code --authorization-webhook-cache-authorized-ttl} / {@code -unauthorized-ttl}), the health
         * paths always allowed ({@code --authorization-always-allow-paths}), and {@code system:masters},
         * which kube-apiserver allows everything anyway.
         */
        public static Policy kubernetesDefaults() {
            return new Policy(Duration.ofSeconds(10), Duration.ofSeconds(10), List.of("/healthz", "/readyz", "/livez"), Set.of("system:masters"));
        }

        boolean alwaysAllows(UserInfo user, RequestAttributes attributes) {
            if (user.groups().stream().anyMatch(alwaysAllowGroups::contains)) {
                return true;
            }
            return attributes instanceof RequestAttributes.NonResource nonResource
                    && alwaysAllowPaths.stream().anyMatch(p -> p.endsWith("*") ? nonResource.path().startsWith(p.substring(0, p.length() - 1))
                            : nonResource.path().equals(p));
        }
    }

    private record Question(UserInfo user, RequestAttributes attributes) {
    }

    private static final Decision ALWAYS_ALLOWED = Decision.allow("always allowed");

    private final AccessReviewer reviewer;
    private final Policy policy;
    private final CachedLookups<Question, Decision> answers;

    /** @param executor where reviews run (they block on the API server); a full one fails the review */
    public DelegatedAuthorizer(AccessReviewer reviewer, Policy policy, Clock clock, Executor executor) {
        this.reviewer = reviewer;
        this.policy = policy;
        Duration longest = policy.allowedTtl().compareTo(policy.deniedTtl()) >= 0 ? policy.allowedTtl() : policy.deniedTtl();
        // Refreshed ahead: the HPA asks for each metric name (a resource of its own) every few seconds, so answers cached
        // together would expire together, and every request in that wave would wait for a review. In a start on
        // thousands of ScaledObjects, with the API server saturated, those waves held most metric requests for 0.6-3 s.
        this.answers = new CachedLookups<>(clock, executor, longest.isZero() ? Duration.ofSeconds(1) : longest,
                decision -> decision.allowed() ? policy.allowedTtl() : policy.deniedTtl(), true);
    }

    /** Completes at once when the policy or the cache can answer; fails when the review could not be made. */
    public CompletableFuture<Decision> authorize(UserInfo user, RequestAttributes attributes) {
        if (policy.alwaysAllows(user, attributes)) {
            return CompletableFuture.completedFuture(ALWAYS_ALLOWED);
        }
        return answers.get(new Question(user, attributes), q -> reviewer.review(q.user(), q.attributes()));
    }
}
