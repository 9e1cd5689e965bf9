package dev.ebbflow.operator.kube;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Holds every API request until the {@link TokenBucket} lets it through, so that 10,000
 * ScaledObjects reconciling at once do not flood the API server (fabric8 has no QPS limit of its own).
 * Watches are long-lived and take one token when they open, like any other request.
 */
public final class RateLimitingInterceptor implements Interceptor {

    /** How the interceptor waits; a seam so tests can see the waits without sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final TokenBucket bucket;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;

    public RateLimitingInterceptor(TokenBucket bucket, LongSupplier nanoTime, Sleeper sleeper) {
        this.bucket = bucket;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    public static RateLimitingInterceptor of(double qps, int burst) {
        return new RateLimitingInterceptor(new TokenBucket(qps, burst, System.nanoTime()), System::nanoTime,
                d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000));
    }

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        Duration wait = bucket.reserve(nanoTime.getAsLong());
        if (!wait.isZero()) {
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
