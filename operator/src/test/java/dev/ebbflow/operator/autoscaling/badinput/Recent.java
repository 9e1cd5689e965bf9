package dev.ebbflow.operator.autoscaling.badinput;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A value read again only when the last read is older than {@code maxAge}: the corpus's cases poll
 * the same namespace-wide lists, and one list per case and retry would dominate the run.
 */
final class Recent<T> {

    private final Supplier<T> read;
    private final long maxAgeNanos;
    private T value;
    private long readAt;

    Recent(Duration maxAge, Supplier<T> read) {
        this.read = read;
        this.maxAgeNanos = maxAge.toNanos();
    }

    synchronized T get() {
        long now = System.nanoTime();
        if (value == null || now - readAt > maxAgeNanos) {
            value = read.get();
            readAt = System.nanoTime();
        }
        return value;
    }
}
