package dev.ebbflow.scalers.servicebus;

import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.ExponentialBackoff;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryStrategy;
import java.time.Duration;

/**
 * The SDK's exponential back-off (transient statuses 408, 429, 500, 502-504 and I/O errors), except
 * that a response whose {@code Retry-After} asks for more than {@code maxDelay} is not retried:
 * azure-core's RetryPolicy would otherwise sleep for as long as the service asks, holding a poll
 * for up to a minute. The read fails at once instead and the next poll tries again.
 */
final class BoundedRetryStrategy implements RetryStrategy {

    private final ExponentialBackoff backoff;
    private final Duration maxDelay;

    BoundedRetryStrategy(int maxRetries, Duration baseDelay, Duration maxDelay) {
        this.backoff = new ExponentialBackoff(new ExponentialBackoffOptions()
                .setMaxRetries(maxRetries).setBaseDelay(baseDelay).setMaxDelay(maxDelay));
        this.maxDelay = maxDelay;
    }

    @Override
    public int getMaxRetries() {
        return backoff.getMaxRetries();
    }

    @Override
    public Duration calculateRetryDelay(int retryAttempts) {
        return backoff.calculateRetryDelay(retryAttempts);
    }

    @Override
    public boolean shouldRetry(HttpResponse response) {
        return backoff.shouldRetry(response) && !asksForLongerThan(maxDelay, response);
    }

    @Override
    public boolean shouldRetryException(Throwable throwable) {
        return backoff.shouldRetryException(throwable);
    }

    /** Whether the response's retry headers ask to wait longer than {@code limit}; a date form counts as longer. */
    static boolean asksForLongerThan(Duration limit, HttpResponse response) {
        for (String header : new String[] {"x-ms-retry-after-ms", "retry-after-ms"}) {
            String ms = response.getHeaderValue(header);
            if (ms != null) {
                return parseLong(ms) > limit.toMillis();
            }
        }
        String seconds = response.getHeaderValue("Retry-After");
        if (seconds == null) {
            return false;
        }
        return parseLong(seconds) * 1000 > limit.toMillis();
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE / 1000; // an HTTP date, or garbage: certainly not "within the bound"
        }
    }
}
