package dev.ebbflow.scalers.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.ebbflow.scalers.MetricTargetType;
import dev.ebbflow.scalers.Scaler;
import dev.ebbflow.scalers.TriggerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Reads per second and per-read latency (p50, p99) of the {@code rabbitmq} trigger against the
 * local broker, 1 and 8 reading threads sharing one connection: AMQP with pooled channels (what
 * {@link AmqpQueueReader} does), AMQP with a channel opened and closed per read (what it did before:
 * the baseline, measured in the same run), and HTTP with a kept-alive connection. Run on demand
 * (surefire excludes *Benchmark*); results are printed to
 * {@code scalers/target/queue-read-benchmark.txt} (the class name leaves out "Rabbit" so that
 * {@code -Dtest='*Rabbit*'} runs of the broker tests do not pick it up):
 * <pre>
 * mvn -B -q -o -pl scalers -am test -Dtest=QueueReadBenchmark -Dsurefire.failIfNoSpecifiedTests=false [-Dbench.reads=20000]
 * </pre>
 */
class QueueReadBenchmark {

    private static final int READS = Integer.getInteger("bench.reads", 20_000);
    private static final int HTTP_READS = Math.max(1, READS / 10);
    private static final int MESSAGES = 42;

    /** One read of the source, as a measured operation. */
    private interface Read {
        double run() throws Exception;
    }

    @Test
    void readsPerSecondAndLatency() throws Exception {
        List<String> report = new ArrayList<>();
        report.add(String.format(Locale.ROOT, "%-34s %7s %8s %10s %9s %9s", "mode", "threads", "reads", "reads/s", "p50 us", "p99 us"));
        try (BrokerFixture fx = new BrokerFixture();
             RabbitMqScalerFactory factory = new RabbitMqScalerFactory();
             Connection raw = fx.connect()) {
            fx.declareQueue("bench");
            fx.publish("bench", MESSAGES);
            Scaler amqp = scaler(factory, fx, fx.amqpHost(fx.vhost));
            Scaler http = scaler(factory, fx, fx.httpHost(fx.vhost));
            BrokerFixture.eventually(java.time.Duration.ofSeconds(20), () -> assertThat(http.read().value()).isEqualTo(MESSAGES));
            Read channelPerRead = () -> {
                try (Channel ch = raw.createChannel()) {
                    return ch.queueDeclarePassive("bench").getMessageCount();
                }
            };
            for (int threads : new int[] {1, 8}) {
                report.add(measure("amqp, channel per read (before)", threads, READS, channelPerRead));
                report.add(measure("amqp, pooled channels (after)", threads, READS, () -> amqp.read().value()));
                report.add(measure("http, kept-alive connection", threads, HTTP_READS, () -> http.read().value()));
            }
        }
        String text = String.join(System.lineSeparator(), report) + System.lineSeparator();
        Path out = Path.of("target", "queue-read-benchmark.txt");
        Files.writeString(out, text, StandardCharsets.UTF_8);
        System.out.print(text);
    }

    private static Scaler scaler(RabbitMqScalerFactory factory, BrokerFixture fx, String host) throws Exception {
        return factory.create(new TriggerConfig(0, "rabbitmq", null, Map.of("host", host, "queueName", "bench"),
                Map.of("username", fx.user, "password", fx.password), null, MetricTargetType.AVERAGE_VALUE));
    }

    /** Warms up with a tenth of the reads, then times {@code reads} reads spread over {@code threads} threads. */
    private static String measure(String mode, int threads, int reads, Read read) throws Exception {
        run(threads, Math.max(threads, reads / 10), read);
        long start = System.nanoTime();
        long[] latencies = run(threads, reads, read);
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        return String.format(Locale.ROOT, "%-34s %7d %8d %10.0f %9.0f %9.0f", mode, threads, latencies.length, latencies.length / seconds,
                percentile(latencies, 0.50) / 1e3, percentile(latencies, 0.99) / 1e3);
    }

    private static long[] run(int threads, int reads, Read read) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            int each = reads / threads;
            List<Future<long[]>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                parts.add(pool.submit(() -> {
                    long[] nanos = new long[each];
                    for (int i = 0; i < each; i++) {
                        long s = System.nanoTime();
                        double value = read.run();
                        nanos[i] = System.nanoTime() - s;
                        if (value != MESSAGES) {
                            throw new IllegalStateException("read " + value + ", expected " + MESSAGES);
                        }
                    }
                    return nanos;
                }));
            }
            long[] all = new long[each * threads];
            for (int t = 0; t < threads; t++) {
                System.arraycopy(parts.get(t).get(), 0, all, t * each, each);
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    static double percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
