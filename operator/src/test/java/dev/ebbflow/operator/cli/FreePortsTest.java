package dev.ebbflow.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.testkit.FreePorts;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {
    @Test
    void neverHandsOutOnePortTwice() {
        // The kernel reuses a just-closed ephemeral port readily; a CI run failed on an operator
        // whose webhook and metrics ports came out equal.
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            assertThat(ports.add(FreePorts.next())).as("port %d handed out again", i).isTrue();
        }
    }
}
