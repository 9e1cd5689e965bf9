package dev.ebbflow.scalers.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.scalers.Scaler;
import dev.ebbflow.scalers.ScalerException;
import dev.ebbflow.scalers.ScalerReading;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * The HPA's live reads while the scale loop polls in a burst, against the local broker: {@code bench.pollers}
 * threads (the scale loop's workers, 16 by default) read back to back through the polls connection, while one
 * thread reads at {@code bench.rate} per second as the metrics API's live reads come in. Each round times the
 * live reads twice: through the polls connection ({@link Scaler#read()}, what the metrics API did before) and
 * through the live connection ({@link Scaler#readNow()}), alternating which goes first. Latency counts from when
 * a read was due, so a read that waits also delays the next. Run on demand (surefire excludes *Benchmark*);
 * results go to {@code scalers/target/live-read-benchmark.txt}:
 * <pre>
 * mvn -B -q -o -pl scalers -am test -Dtest=LiveReadBenchmark -Dsurefire.failIfNoSpecifiedTests=false [-Dbench.rounds=3]
 * </pre>
 */
class LiveReadBenchmark {

    private static final int POLLERS = Integer.getInteger("bench.pollers", 16);
    private static final int RATE = Integer.getInteger("bench.rate", 200);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 10);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    private static final int QUEUES = 100;
    private static final int MESSAGES = 42;

    /** One live read, through one connection or the other. */
    private interface LiveRead {
        ScalerReading of(Scaler scaler) throws ScalerException;
    }

    @Test
    void liveReadsDuringABurstOfPolls() throws Exception {
        List<String> report = new ArrayList<>();
        report.add(String.format(Locale.ROOT, "%-40s %5s %7s %9s %9s %9s %11s %s", "live reads through", "round", "reads", "p50 ms", "p99 ms",
                "max ms", "polls/s", "load average"));
        try (BrokerFixture fx = new BrokerFixture(); RabbitMqScalerFactory factory = new RabbitMqScalerFactory()) {
            List<Scaler> scalers = new ArrayList<>();
            for (int q = 0; q < QUEUES; q++) {
                fx.declareQueue("bench-" + q);
                fx.publish("bench-" + q, MESSAGES);
                scalers.add(fx.scaler(factory, fx.user, fx.amqpHost(fx.vhost), "bench-" + q));
            }
            for (int round = 1; round <= ROUNDS; round++) {
                boolean pollsFirst = round % 2 == 1;
                for (boolean throughPolls : new boolean[] {pollsFirst, !pollsFirst}) {
                    report.add(measure(throughPolls ? "the polls connection (before)" : "the live connection (after)", round, scalers,
                            throughPolls ? Scaler::read : Scaler::readNow));
                    System.out.println(report.get(report.size() - 1));
                }
            }
            scalers.forEach(Scaler::close);
        }
        String text = String.join(System.lineSeparator(), report) + System.lineSeparator();
        Files.writeString(Path.of("target", "live-read-benchmark.txt"), text, StandardCharsets.UTF_8);
        System.out.print(text);
    }

    private static String measure(String mode, int round, List<Scaler> scalers, LiveRead live) throws Exception {
        AtomicBoolean polling = new AtomicBoolean(true);
        AtomicLong polls = new AtomicLong();
        ExecutorService pollers = Executors.newFixedThreadPool(POLLERS);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < POLLERS; t++) {
            int first = t;
            running.add(pollers.submit(() -> {
                for (int i = first; polling.get(); i++) {
                    assertThat(scalers.get(i % scalers.size()).read().value()).isEqualTo(MESSAGES);
                    polls.incrementAndGet();
                }
                return null;
            }));
        }
        try {
            Thread.sleep(1000); // the burst under way before the first live read
            long pollsBefore = polls.get();
            long[] latencies = new long[RATE * SECONDS];
            long interval = TimeUnit.SECONDS.toNanos(1) / RATE;
            long start = System.nanoTime();
            for (int i = 0; i < latencies.length; i++) {
                long due = start + i * interval;
                while (System.nanoTime() < due) {
                    LockSupport.parkNanos(due - System.nanoTime());
                }
                assertThat(live.of(scalers.get(i % scalers.size())).value()).isEqualTo(MESSAGES);
                latencies[i] = System.nanoTime() - due;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long pollsDone = polls.get() - pollsBefore;
            Arrays.sort(latencies);
            return String.format(Locale.ROOT, "%-40s %5d %7d %9.2f %9.2f %9.2f %11.0f %s", mode, round, latencies.length,
                    QueueReadBenchmark.percentile(latencies, 0.50) / 1e6, QueueReadBenchmark.percentile(latencies, 0.99) / 1e6,
                    latencies[latencies.length - 1] / 1e6, pollsDone / seconds, Files.readString(Path.of("/proc/loadavg")).trim());
        } finally {
            polling.set(false);
            for (Future<?> f : running) {
                f.get(30, TimeUnit.SECONDS);
            }
            pollers.shutdownNow();
        }
    }
}
