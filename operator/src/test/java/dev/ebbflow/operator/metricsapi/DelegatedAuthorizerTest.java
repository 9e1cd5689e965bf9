package dev.ebbflow.operator.metricsapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class DelegatedAuthorizerTest {
    private static final UserInfo HPA = UserInfo.named("system:serviceaccount:kube-system:horizontal-pod-autoscaler", List.of("system:serviceaccounts"));
    private static final RequestAttributes ORDERS = RequestAttributes.of("GET", "/apis/external.metrics.k8s.io/v1beta1/namespaces/shop/s0-rabbitmq-orders");
    private static final Executor DIRECT = Runnable::run;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-25T10:00:00Z"));

    /** Answers from a script and records what it was asked. */
    private static final class ScriptedReviewer implements DelegatedAuthorizer.AccessReviewer {
        final List<RequestAttributes> asked = new ArrayList<>();
        volatile DelegatedAuthorizer.Decision answer = DelegatedAuthorizer.Decision.allow("RBAC: allowed by ClusterRoleBinding");
        volatile RuntimeException failure;

        @Override
        public DelegatedAuthorizer.Decision review(UserInfo user, RequestAttributes attributes) {
            asked.add(attributes);
            if (failure != null) {
                throw failure;
            }
            return answer;
        }
    }

    private final ScriptedReviewer reviewer = new ScriptedReviewer();

    private DelegatedAuthorizer authorizer(DelegatedAuthorizer.Policy policy, Executor executor) {
        return new DelegatedAuthorizer(reviewer, policy, clock, executor);
    }

    @Test
    void anAllowedAnswerIsReusedForTheAllowedTtlThenAskedAgain() {
        DelegatedAuthorizer authorizer = authorizer(DelegatedAuthorizer.Policy.kubernetesDefaults(), DIRECT);
        assertThat(authorizer.authorize(HPA, ORDERS).join().allowed()).isTrue();
        clock.advance(Duration.ofSeconds(9));
        CompletableFuture<DelegatedAuthorizer.Decision> cached = authorizer.authorize(HPA, ORDERS);
        assertThat(cached).isCompleted();
        assertThat(reviewer.asked).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        authorizer.authorize(HPA, ORDERS).join();
        assertThat(reviewer.asked).hasSize(2);
    }

    @Test
    void allowedAndDeniedAnswersLiveForTheirOwnTimes() {
        DelegatedAuthorizer authorizer = authorizer(new DelegatedAuthorizer.Policy(Duration.ofMinutes(5), Duration.ofSeconds(30), List.of(), Set.of()), DIRECT);
        reviewer.answer = DelegatedAuthorizer.Decision.deny("no RBAC policy matched");
        assertThat(authorizer.authorize(HPA, ORDERS).join()).isEqualTo(DelegatedAuthorizer.Decision.deny("no RBAC policy matched"));
        clock.advance(Duration.ofSeconds(29));
        assertThat(authorizer.authorize(HPA, ORDERS).join().allowed()).isFalse();
        assertThat(reviewer.asked).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        reviewer.answer = DelegatedAuthorizer.Decision.allow("");
        assertThat(authorizer.authorize(HPA, ORDERS).join().allowed()).isTrue();
        clock.advance(Duration.ofMinutes(4));
        authorizer.authorize(HPA, ORDERS).join();
        assertThat(reviewer.asked).hasSize(2);
    }

    @Test
    void aZeroTtlCachesNothing() {
        DelegatedAuthorizer authorizer = authorizer(new DelegatedAuthorizer.Policy(Duration.ZERO, Duration.ZERO, List.of(), Set.of()), DIRECT);
        authorizer.authorize(HPA, ORDERS).join();
        authorizer.authorize(HPA, ORDERS).join();
        assertThat(reviewer.asked).hasSize(2);
    }

    @Test
    void anotherUserOrResourceIsAskedSeparately() {
        DelegatedAuthorizer authorizer = authorizer(DelegatedAuthorizer.Policy.kubernetesDefaults(), DIRECT);
        authorizer.authorize(HPA, ORDERS).join();
        authorizer.authorize(UserInfo.named("mallory", List.of("system:authenticated")), ORDERS).join();
        authorizer.authorize(HPA, RequestAttributes.of("GET", "/apis/external.metrics.k8s.io/v1beta1/namespaces/shop/s0-rabbitmq-payments")).join();
        assertThat(reviewer.asked).hasSize(3);
    }

    @Test
    void aFailedReviewFailsTheRequestAndIsNotCached() {
        DelegatedAuthorizer authorizer = authorizer(DelegatedAuthorizer.Policy.kubernetesDefaults(), DIRECT);
        reviewer.failure = new IllegalStateException("API server unreachable");
        assertThatThrownBy(() -> authorizer.authorize(HPA, ORDERS).join()).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
        reviewer.failure = null;
        assertThat(authorizer.authorize(HPA, ORDERS).join().allowed()).isTrue();
        assertThat(reviewer.asked).hasSize(2);
    }

    @Test
    void aFullReviewPoolFailsTheRequestInsteadOfBlockingIt() {
        DelegatedAuthorizer authorizer = authorizer(DelegatedAuthorizer.Policy.kubernetesDefaults(), task -> {
            throw new RejectedExecutionException("full");
        });
        assertThat(authorizer.authorize(HPA, ORDERS)).isCompletedExceptionally();
        assertThat(reviewer.asked).isEmpty();
    }

    @Test
    void healthPathsAndSystemMastersAreAllowedWithoutAReview() {
        DelegatedAuthorizer authorizer = authorizer(DelegatedAuthorizer.Policy.kubernetesDefaults(), DIRECT);
        UserInfo anyone = UserInfo.named("anyone", List.of());
        for (String path : List.of("/healthz", "/readyz", "/livez")) {
            assertThat(authorizer.authorize(anyone, RequestAttributes.of("GET", path)).join().allowed()).isTrue();
        }
        assertThat(authorizer.authorize(UserInfo.named("admin", List.of("system:masters")), ORDERS).join().allowed()).isTrue();
        assertThat(reviewer.asked).isEmpty();
        // Discovery is not on the list: it is reviewed as a non-resource path.
        authorizer.authorize(anyone, RequestAttributes.of("GET", "/apis")).join();
        assertThat(reviewer.asked).containsExactly(new RequestAttributes.NonResource("get", "/apis"));
    }

    @Test
    void aTrailingStarAllowsAPrefix() {
        DelegatedAuthorizer authorizer = authorizer(new DelegatedAuthorizer.Policy(Duration.ofSeconds(10), Duration.ofSeconds(10),
                List.of("/debug/*"), Set.of()), DIRECT);
        UserInfo anyone = UserInfo.named("anyone", List.of());
        assertThat(authorizer.authorize(anyone, RequestAttributes.of("GET", "/debug/pprof")).join().allowed()).isTrue();
        authorizer.authorize(anyone, RequestAttributes.of("GET", "/debugger")).join();
        assertThat(reviewer.asked).hasSize(1);
    }

    @Test
    void concurrentQuestionsShareOneReview() {
        List<Runnable> queued = new ArrayList<>();
        DelegatedAuthorizer authorizer = authorizer(DelegatedAuthorizer.Policy.kubernetesDefaults(), queued::add);
        CompletableFuture<DelegatedAuthorizer.Decision> first = authorizer.authorize(HPA, ORDERS);
        CompletableFuture<DelegatedAuthorizer.Decision> second = authorizer.authorize(HPA, ORDERS);
        assertThat(queued).hasSize(1);
        queued.get(0).run();
        assertThat(first.join().allowed()).isTrue();
        assertThat(second.join().allowed()).isTrue();
        assertThat(reviewer.asked).hasSize(1);
    }
}
