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

    @Test
    void parsesKubernetesStyleDurations() {
        assertThat(GoDuration.parse("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(GoDuration.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(GoDuration.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(GoDuration.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(GoDuration.parse("0s")).isZero();
        for (String bad : new String[] {"", "5", "soon", "-5s", "5 s", "1d"}) {
            assertThatThrownBy(() -> GoDuration.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> GoDuration.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
