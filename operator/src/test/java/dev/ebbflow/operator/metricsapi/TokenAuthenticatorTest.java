package dev.ebbflow.operator.metricsapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenAuthenticatorTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final List<String> reviewed = new ArrayList<>();
    private final TokenAuthenticator authenticator = new TokenAuthenticator(token -> {
        reviewed.add(token);
        if (token.equals("broken")) {
            throw new IllegalStateException("TokenReview failed");
        }
        return token.equals("good") ? Optional.of(UserInfo.named("alice", List.of("devs"))) : Optional.empty();
    }, TokenAuthenticator.KUBERNETES_DEFAULT_TTL, clock, Runnable::run);

    @Test
    void acceptedAndRejectedTokensAreEachReviewedOncePerTtl() {
        assertThat(authenticator.authenticate("good").join()).contains(UserInfo.named("alice", List.of("devs")));
        assertThat(authenticator.authenticate("bad").join()).isEmpty();
        clock.advance(Duration.ofSeconds(9));
        authenticator.authenticate("good").join();
        authenticator.authenticate("bad").join();
        assertThat(reviewed).containsExactly("good", "bad");
        clock.advance(Duration.ofSeconds(1));
        authenticator.authenticate("good").join();
        assertThat(reviewed).containsExactly("good", "bad", "good");
    }

    @Test
    void aFailedReviewIsNotCached() {
        assertThat(authenticator.authenticate("broken")).isCompletedExceptionally();
        assertThat(authenticator.authenticate("broken")).isCompletedExceptionally();
        assertThat(reviewed).containsExactly("broken", "broken");
    }
}
