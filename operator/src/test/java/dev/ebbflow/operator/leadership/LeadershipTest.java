package dev.ebbflow.operator.leadership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.testkit.Eventually;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LeadershipTest {

    @Test
    void periodicTasksRunOnlyWhileLeading() {
        Leadership leadership = Leadership.following();
        ScheduledExecutorService executor = leadership.newExecutor("test", 1);
        AtomicInteger runs = new AtomicInteger();
        executor.scheduleWithFixedDelay(runs::incrementAndGet, 0, 10, TimeUnit.MILLISECONDS);

        Eventually.pause(Duration.ofMillis(100));
        assertThat(runs).as("a follower skips its runs").hasValue(0);

        leadership.acquired();
        Eventually.within(Duration.ofSeconds(5), () -> assertThat(runs.get()).as("the schedule kept, the runs happen").isGreaterThan(2));

        leadership.stop();
        int atStop = runs.get();
        Eventually.pause(Duration.ofMillis(100));
        assertThat(runs.get()).as("nothing runs once leading stopped").isLessThanOrEqualTo(atStop + 1);
        assertThat(executor.isShutdown()).isTrue();
        assertThat(leadership.isLeader()).isFalse();
    }

    @Test
    void everyWayIntoTheExecutorGoesThroughTheGate() throws Exception {
        Leadership leadership = Leadership.following();
        ScheduledExecutorService executor = leadership.newExecutor("test", 1);
        AtomicInteger runs = new AtomicInteger();
        Runnable run = runs::incrementAndGet;
        executor.execute(run);
        executor.submit(run).get();
        executor.schedule(run, 1, TimeUnit.MILLISECONDS).get();
        executor.scheduleAtFixedRate(run, 0, 5, TimeUnit.MILLISECONDS);
        assertThatThrownBy(() -> executor.submit(() -> "value").get()).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("not the leader");
        Eventually.pause(Duration.ofMillis(50));
        assertThat(runs).hasValue(0);

        leadership.acquired();
        assertThat(executor.submit(() -> "value").get()).isEqualTo("value");
        executor.shutdownNow();
    }

    @Test
    void aPeriodicTaskThatThrowsKeepsItsSchedule() {
        Leadership leadership = Leadership.alwaysLeading();
        ScheduledExecutorService executor = leadership.newExecutor("test", 1);
        AtomicInteger runs = new AtomicInteger();
        executor.scheduleWithFixedDelay(() -> {
            runs.incrementAndGet();
            throw new IllegalStateException("API server down");
        }, 0, 5, TimeUnit.MILLISECONDS);
        Eventually.within(Duration.ofSeconds(5), () -> assertThat(runs.get()).isGreaterThan(2));
        leadership.close();
    }

    @Test
    void stoppingInterruptsWhatRunsAndLeadingNeverComesBack() throws InterruptedException {
        Leadership leadership = Leadership.alwaysLeading();
        ScheduledExecutorService executor = leadership.newExecutor("test", 1);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        executor.execute(() -> {
            running.countDown();
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
        leadership.stop();
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("a stopped leader stops acting at once").isTrue();

        leadership.acquired();
        assertThat(leadership.isLeader()).as("a replica that stopped leading does not lead again").isFalse();
        assertThat(leadership.newExecutor("late", 1).isShutdown()).as("a scheduler made after the stop runs nothing").isTrue();
    }

    @Test
    void listenersHearOfLeadingOnceAndLateOnesAtOnce() {
        Leadership leadership = Leadership.following();
        AtomicInteger heard = new AtomicInteger();
        leadership.onAcquired(heard::incrementAndGet);
        assertThat(heard).hasValue(0);
        leadership.acquired();
        leadership.acquired();
        assertThat(heard).hasValue(1);
        leadership.onAcquired(heard::incrementAndGet);
        assertThat(heard).hasValue(2);
    }
}
