package dev.ebbflow.operator.jobs.controller;

import java.time.Duration;

/** Retries an assertion until it holds, or rethrows its last failure once the time is up. */
final class Await {

    private Await() {
    }

    static void until(Runnable assertion) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError | RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
