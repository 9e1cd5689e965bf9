package dev.ebbflow.provisioner.cloud.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class DelayedTasksAndDurationsTest {

    @Test
    void executorBackedTasksRunLaterUnlessCancelled() throws Exception {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try {
            DelayedTasks tasks = DelayedTasks.of(executor);
            CountDownLatch ran = new CountDownLatch(1);
            tasks.schedule(Duration.ofMillis(20), ran::countDown);
            AtomicBoolean cancelledRan = new AtomicBoolean();
            DelayedTasks.Handle handle = tasks.schedule(Duration.ofMillis(200), () -> cancelledRan.set(true));
            assertThat(handle.cancel()).isTrue();

            assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
            executor.shutdown();
            assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
            assertThat(cancelledRan).isFalse();
        } finally {
            executor.shutdownNow();
        }
    }
}
