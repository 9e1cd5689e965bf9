package dev.ebbflow.provisioner.cloud;

import static dev.ebbflow.provisioner.cloud.UnavailableOfferingsTest.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Offering;
import dev.ebbflow.testkit.ManualClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheapestFirstLauncherTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final UnavailableOfferings unavailable = new UnavailableOfferings(clock);
    private final CheapestFirstLauncher launcher = new CheapestFirstLauncher(unavailable);
    private final InstanceType a = type("a", new Offering("z1", "spot", 0.1, true), new Offering("z2", "spot", 0.2, true));
    private final List<LaunchCandidate> candidates = List.of(new LaunchCandidate(a, a.offerings().get(0), "linux"), new LaunchCandidate(a, a.offerings().get(1), "linux"));

    @Test
    void movesOnAfterCapacityErrorsAndRemembersThem() throws Exception {
        List<String> tried = new ArrayList<>();
        String zone = launcher.launch("c", candidates, c -> {
            tried.add(c.offering().zone());
            if (c.offering().zone().equals("z1")) {
                throw new InsufficientCapacityException("a", c.offering(), "none left");
            }
            return c.offering().zone();
        });
        assertThat(zone).isEqualTo("z2");
        assertThat(tried).containsExactly("z1", "z2");
        assertThat(unavailable.isUnavailable("a", "z1", "spot")).isTrue();
        assertThat(unavailable.isUnavailable("a", "z2", "spot")).isFalse();
    }

    @Test
    void skipsOfferingsAlreadyKnownUnavailable() throws Exception {
        unavailable.markUnavailable("a", "z1", "spot");
        String zone = launcher.launch("c", candidates, c -> c.offering().zone());
        assertThat(zone).isEqualTo("z2");
    }

    @Test
    void allExhaustedOrNoneCompatible() {
        assertThatThrownBy(() -> launcher.launch("c", candidates, c -> {
            throw new InsufficientCapacityException("a", c.offering(), "none");
        })).isInstanceOf(InsufficientCapacityException.class).hasMessageContaining("all 2 compatible offerings");
        assertThatThrownBy(() -> launcher.launch("c", List.of(), c -> "x"))
                .isInstanceOf(InsufficientCapacityException.class).hasMessageContaining("no available offering");
    }

    @Test
    void otherErrorsStopTheLaunch() {
        assertThatThrownBy(() -> launcher.launch("c", candidates, c -> {
            throw new CloudProviderException("quota exceeded");
        })).hasMessage("quota exceeded");
        assertThat(unavailable.isUnavailable("a", "z1", "spot")).isFalse();
    }
}
