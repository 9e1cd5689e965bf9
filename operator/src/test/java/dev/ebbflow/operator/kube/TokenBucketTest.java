package dev.ebbflow.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void burstPassesAtOnceThenCallsWaitOneQpsIntervalEach() {
        TokenBucket bucket = new TokenBucket(10, 3, 0);
        assertThat(bucket.reserve(0)).isZero();
        assertThat(bucket.reserve(0)).isZero();
        assertThat(bucket.reserve(0)).isZero();
        assertThat(bucket.reserve(0)).isEqualTo(Duration.ofMillis(100));
        assertThat(bucket.reserve(0)).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void refillsWithTimeButNeverBeyondBurst() {
        TokenBucket bucket = new TokenBucket(10, 2, 0);
        bucket.reserve(0);
        bucket.reserve(0);
        assertThat(bucket.reserve(SECOND)).isZero();
        assertThat(bucket.reserve(SECOND)).isZero();
        assertThat(bucket.reserve(SECOND)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new TokenBucket(0, 1, 0)).hasMessageContaining("--kube-api-qps");
        assertThatThrownBy(() -> new TokenBucket(5, 0, 0)).hasMessageContaining("--kube-api-burst");
    }
}
