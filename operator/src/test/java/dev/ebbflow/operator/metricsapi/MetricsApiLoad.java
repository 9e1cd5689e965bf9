package dev.ebbflow.operator.metricsapi;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Open-loop load for the external metrics API, usable from benchmark harnesses: sends GETs at a fixed
 * rate whatever the server's speed and measures each latency from the moment the request was due,
 * so a stalled server shows up in the percentiles instead of silently lowering the rate.
 */
public final class MetricsApiLoad {
    /** Latencies in milliseconds; {@code failed} counts non-200 answers and transport errors. */
    public record Result(int sent, int succeeded, int failed, double p50Millis, double p99Millis, double maxMillis) {
        @Override
        public String toString() {
            return String.format("sent=%d ok=%d failed=%d p50=%.2fms p99=%.2fms max=%.2fms", sent, succeeded, failed, p50Millis, p99Millis, maxMillis);
        }
    }

    private MetricsApiLoad() {
    }

    /** Sends {@code requestsPerSecond} GETs for {@code duration}, cycling through {@code targets}. */
    public static Result run(HttpClient client, List<URI> targets, int requestsPerSecond, Duration duration) {
        return run(client, targets, Map.of(), requestsPerSecond, duration);
    }

    /** As {@link #run(HttpClient, List, int, Duration)}, sending {@code headers} with every request (e.g. the front proxy's X-Remote-User). */
    public static Result run(HttpClient client, List<URI> targets, Map<String, String> headers, int requestsPerSecond, Duration duration) {
        return run(target -> {
            HttpRequest.Builder builder = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10)).GET();
            headers.forEach(builder::header);
            return client.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofByteArray()).thenApply(HttpResponse::statusCode);
        }, targets, requestsPerSecond, duration);
    }

    /**
     * The load itself, with any HTTP client: {@code send} starts a GET of its URI without blocking and
     * completes with the status code once the whole response has arrived.
     */
    public static Result run(Function<URI, CompletionStage<Integer>> send, List<URI> targets, int requestsPerSecond, Duration duration) {
        if (targets.isEmpty() || requestsPerSecond <= 0) {
            throw new IllegalArgumentException("need at least one target and a positive rate");
        }
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / requestsPerSecond;
        int total = (int) (duration.toNanos() / periodNanos);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<?>> pending = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failed = new AtomicInteger();
        AtomicLong next = new AtomicLong();
        long start = System.nanoTime();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        try {
            ticker.scheduleAtFixedRate(() -> {
                long i = next.getAndIncrement();
                if (i >= total) {
                    return;
                }
                long due = start + i * periodNanos;
                CompletableFuture<Integer> answered;
                try {
                    answered = send.apply(targets.get((int) (i % targets.size()))).toCompletableFuture();
                } catch (RuntimeException e) {
                    answered = CompletableFuture.failedFuture(e);
                }
                pending.add(answered.whenComplete((status, error) -> {
                    if (error == null && status == 200) {
                        latencies.add(System.nanoTime() - due);
                    } else if (failed.getAndIncrement() == 0) {
                        System.err.println("metrics API load: first failure: " + (error != null ? error : "HTTP " + status));
                    }
                }));
            }, 0, periodNanos, TimeUnit.NANOSECONDS);
            while (next.get() < total) {
                Thread.sleep(50);
            }
            List<CompletableFuture<?>> sent;
            synchronized (pending) {
                sent = new ArrayList<>(pending);
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).exceptionally(e -> null).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("load run interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("load run did not finish", e);
        } finally {
            ticker.shutdownNow();
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Result(total, sorted.size(), failed.get(), percentileMillis(sorted, 0.50), percentileMillis(sorted, 0.99),
                sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1) / 1e6);
    }

    /** Nearest-rank percentile of sorted nanosecond latencies, in milliseconds. */
    static double percentileMillis(List<Long> sortedNanos, double quantile) {
        if (sortedNanos.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(quantile * sortedNanos.size());
        return sortedNanos.get(Math.max(0, rank - 1)) / 1e6;
    }
}
