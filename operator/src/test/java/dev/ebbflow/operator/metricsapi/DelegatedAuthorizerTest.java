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
    void anAllowedAnswerIsServedForItsTtlAndReviewedAgainFromHalfOfIt() {
        DelegatedAuthorizer authorizer = authorizer(DelegatedAuthorizer.Policy.kubernetesDefaults(), DIRECT);
        assertThat(authorizer.authorize(HPA, ORDERS).join().allowed()).isTrue();
        clock.advance(Duration.ofSeconds(4));
        assertThat(authorizer.authorize(HPA, ORDERS)).isCompleted();
        assertThat(reviewer.asked).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(authorizer.authorize(HPA, ORDERS)).as("served from the cache while it is reviewed again").isCompleted();
        assertThat(reviewer.asked).hasSize(2);
        clock.advance(Duration.ofSeconds(4));
        assertThat(authorizer.authorize(HPA, ORDERS)).isCompleted();
        assertThat(reviewer.asked).as("the second review's answer is not reviewed again before half of its own 10 s").hasSize(2);
    }

    @Test
    void allowedAndDeniedAnswersLiveForTheirOwnTimes() {
        DelegatedAuthorizer authorizer = authorizer(new DelegatedAuthorizer.Policy(Duration.ofMinutes(5), Duration.ofSeconds(30), List.of(), Set.of()), DIRECT);
        reviewer.answer = DelegatedAuthorizer.Decision.deny("no RBAC policy matched");
        assertThat(authorizer.authorize(HPA, ORDERS).join()).isEqualTo(DelegatedAuthorizer.Decision.deny("no RBAC policy matched"));
        clock.advance(Duration.ofSeconds(14));
        assertThat(authorizer.authorize(HPA, ORDERS).join().allowed()).isFalse();
        assertThat(reviewer.asked).hasSize(1);
        reviewer.answer = DelegatedAuthorizer.Decision.allow("");
        clock.advance(Duration.ofSeconds(2));
        assertThat(authorizer.authorize(HPA, ORDERS).join().allowed()).as("the denial still holds while it is reviewed again").isFalse();
        assertThat(authorizer.authorize(HPA, ORDERS).join().allowed()).isTrue();
        assertThat(reviewer.asked).hasSize(2);
        clock.advance(Duration.ofMinutes(2));
        authorizer.authorize(HPA, ORDERS).join();
        assertThat(reviewer.asked).as("an allowed answer is not reviewed again after a denial's 15 s").hasSize(2);
    }

    /** Reviews queued until the test runs them: an API server as slow as the test wants. */
    private static final class QueuedExecutor implements Executor {
        final List<Runnable> queued = new ArrayList<>();

        @Override
        public synchronized void execute(Runnable task) {
            queued.add(task);
        }

        synchronized void runAll() {
            List<Runnable> now = new ArrayList<>(queued);
            queued.clear();
            now.forEach(Runnable::run);
        }
    }

    @Test
    void aCallerAskingSteadilyNeverWaitsForAReview() {
        QueuedExecutor apiServer = new QueuedExecutor();
        DelegatedAuthorizer authorizer = authorizer(DelegatedAuthorizer.Policy.kubernetesDefaults(), apiServer);
        CompletableFuture<DelegatedAuthorizer.Decision> first = authorizer.authorize(HPA, ORDERS);
        assertThat(first).as("nothing cached yet: the first request waits for its review").isNotCompleted();
        apiServer.runAll();
        assertThat(first.join().allowed()).isTrue();

        clock.advance(Duration.ofSeconds(6));
        assertThat(authorizer.authorize(HPA, ORDERS)).isCompleted();
        assertThat(apiServer.queued).as("reviewed again ahead of the expiry").hasSize(1);
        apiServer.runAll();

        clock.advance(Duration.ofSeconds(6));
        CompletableFuture<DelegatedAuthorizer.Decision> pastFirstTtl = authorizer.authorize(HPA, ORDERS);
        assertThat(pastFirstTtl).as("12 s after the first review: answered by the one made at 6 s").isCompleted();
        assertThat(pastFirstTtl.join().allowed()).isTrue();
        assertThat(reviewer.asked).hasSize(2);
    }

    @Test
    void anAnswerIsNeverServedPastItsTtlWhileItsReviewIsSlow() {
        QueuedExecutor apiServer = new QueuedExecutor();
        DelegatedAuthorizer authorizer = authorizer(DelegatedAuthorizer.Policy.kubernetesDefaults(), apiServer);
        CompletableFuture<DelegatedAuthorizer.Decision> first = authorizer.authorize(HPA, ORDERS);
        apiServer.runAll();
        first.join();
        clock.advance(Duration.ofSeconds(6));
        assertThat(authorizer.authorize(HPA, ORDERS)).isCompleted();
        clock.advance(Duration.ofSeconds(4));
        CompletableFuture<DelegatedAuthorizer.Decision> expired = authorizer.authorize(HPA, ORDERS);
        assertThat(expired).as("10 s on, the answer is gone: wait for the review in progress").isNotCompleted();
        assertThat(apiServer.queued).as("the review started at 6 s is shared, not sent twice").hasSize(1);
        reviewer.answer = DelegatedAuthorizer.Decision.deny("RoleBinding removed");
        apiServer.runAll();
        assertThat(expired.join().allowed()).isFalse();
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
