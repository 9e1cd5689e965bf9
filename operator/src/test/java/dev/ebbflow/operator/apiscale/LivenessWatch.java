package dev.ebbflow.operator.apiscale;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks the operator's {@code /healthz} once a second, as the chart's liveness probe does (5 s timeout),
 * and keeps the longest stretch it kept failing: the kubelet restarts the pod after 3 failed probes
 * 20 s apart, so a stretch of 40 s or more would have restarted the operator in the middle of its work.
 */
final class LivenessWatch implements AutoCloseable {

    /** The chart's liveness probe: {@code periodSeconds: 20}, {@code failureThreshold: 3}. */
    static final Duration RESTART_AFTER = Duration.ofSeconds(40);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread sampler;
    private volatile long failingSince = -1;
    private volatile long longestNanos;
    private volatile int failures;
    private volatile int probes;

    LivenessWatch(int metricsPort) {
        URI healthz = URI.create("http://127.0.0.1:" + metricsPort + "/healthz");
        sampler = new Thread(() -> {
            while (running.get()) {
                long sent = System.nanoTime();
                record(sent, answered(healthz));
                long rest = Duration.ofSeconds(1).toNanos() - (System.nanoTime() - sent);
                if (rest > 0) {
                    try {
                        Thread.sleep(rest / 1_000_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "liveness-watch");
        sampler.setDaemon(true);
        sampler.start();
    }

    private boolean answered(URI healthz) {
        try {
            return client.send(HttpRequest.newBuilder(healthz).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } catch (Exception e) {
            // Not listening yet, or no answer in time: the kubelet counts both as failures.
            return false;
        }
    }

    private synchronized void record(long at, boolean ok) {
        probes++;
        if (ok) {
            failingSince = -1;
            return;
        }
        failures++;
        if (failingSince < 0) {
            failingSince = at;
        }
        longestNanos = Math.max(longestNanos, System.nanoTime() - failingSince);
    }

    /** What was seen so far, in one line. */
    synchronized String summary() {
        Duration longest = Duration.ofNanos(longestNanos);
        return String.format("%d of %d probes failed, longest failing stretch %.0f s (%s)", failures, probes, longestNanos / 1e9,
                longest.compareTo(RESTART_AFTER) >= 0 ? "the chart's liveness probe would have restarted the operator"
                        : "under the " + RESTART_AFTER.toSeconds() + " s that would restart it");
    }

    @Override
    public void close() {
        running.set(false);
        sampler.interrupt();
    }
}
