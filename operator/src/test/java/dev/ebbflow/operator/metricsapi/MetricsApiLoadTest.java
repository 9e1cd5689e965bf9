package dev.ebbflow.operator.metricsapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsApiLoadTest {
    @Test
    void percentilesUseNearestRank() {
        List<Long> nanos = java.util.stream.LongStream.rangeClosed(1, 100).map(i -> i * 1_000_000).boxed().toList();
        assertThat(MetricsApiLoad.percentileMillis(nanos, 0.50)).isEqualTo(50.0);
        assertThat(MetricsApiLoad.percentileMillis(nanos, 0.99)).isEqualTo(99.0);
        assertThat(MetricsApiLoad.percentileMillis(List.of(), 0.5)).isNaN();
    }
}
