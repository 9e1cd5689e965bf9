package dev.ebbflow.operator.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.testkit.ChartJvmFlags;
import org.junit.jupiter.api.Test;

class ChartJvmFlagsTest {

    @Test
    void theBenchmarksRunTheOperatorWithTheChartsHeapShareOfItsMemoryLimit() {
        // 1536Mi and 60 %: a heap of 921 MiB, leaving ~600 MiB for what the JVM holds besides it
        assertThat(ChartJvmFlags.flags()).containsExactly("-XX:MaxRAM=" + 1536L * 1024 * 1024, "-XX:MaxRAMPercentage=60.0");
    }
}
