package dev.ebbflow.operator.kube;

import java.time.Duration;

/**
 * The client-side rate limit that kubectl and client-go apply to API calls: {@code qps} tokens a
 * second refill a bucket of {@code burst}; a call takes one token or waits for it. Pure: the caller
 * passes the time in nanoseconds and sleeps for what {@link #reserve(long)} answers.
 */
public final class TokenBucket {

    private final double tokensPerNano;
    private final double capacity;
    private double tokens;
    private long lastRefillNanos;

    public TokenBucket(double qps, int burst, long nowNanos) {
        if (qps <= 0) {
            throw new IllegalArgumentException("--kube-api-qps must be > 0, got " + qps);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("--kube-api-burst must be >= 1, got " + burst);
        }
        this.tokensPerNano = qps / 1_000_000_000d;
        this.capacity = burst;
        this.tokens = burst;
        this.lastRefillNanos = nowNanos;
    }

    /** Takes one token, possibly in advance, and says how long the caller must wait before using it. */
    public synchronized Duration reserve(long nowNanos) {
        if (nowNanos > lastRefillNanos) {
            tokens = Math.min(capacity, tokens + (nowNanos - lastRefillNanos) * tokensPerNano);
            lastRefillNanos = nowNanos;
        }
        tokens -= 1;
        if (tokens >= 0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil(-tokens / tokensPerNano));
    }
}
