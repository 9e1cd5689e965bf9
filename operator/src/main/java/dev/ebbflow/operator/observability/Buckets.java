package dev.ebbflow.operator.observability;

import java.time.Duration;
import java.util.stream.DoubleStream;

/** Histogram bucket bounds given in seconds, as Micrometer's service level objectives take them. */
final class Buckets {
    private Buckets() {
    }

    static Duration[] seconds(double... bounds) {
        return DoubleStream.of(bounds).mapToObj(s -> Duration.ofNanos((long) (s * 1e9))).toArray(Duration[]::new);
    }
}
