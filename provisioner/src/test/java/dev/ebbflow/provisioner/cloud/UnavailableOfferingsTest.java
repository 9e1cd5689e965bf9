package dev.ebbflow.provisioner.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Offering;
import dev.ebbflow.provisioner.catalog.Reservation;
import dev.ebbflow.provisioner.catalog.ResourceList;
import dev.ebbflow.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UnavailableOfferingsTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final UnavailableOfferings cache = new UnavailableOfferings(clock, Duration.ofMinutes(3));

    static InstanceType type(String name, Offering... offerings) {
        return new InstanceType(name, ResourceList.parse(Map.of("cpu", "2", "memory", "4Gi", "pods", "110")),
                ResourceList.EMPTY, "amd64", Set.of("linux"), Map.of(), Set.of(), List.of(offerings));
    }

    @Test
    void remembersForTheTtlOnly() {
        cache.markUnavailable("a", "z1", "spot");
        assertThat(cache.isUnavailable("a", "z1", "spot")).isTrue();
        assertThat(cache.isUnavailable("a", "z1", "on-demand")).isFalse();
        assertThat(cache.isUnavailable("a", "z2", "spot")).isFalse();
        assertThat(cache.isUnavailable("b", "z1", "spot")).isFalse();

        clock.advance(Duration.ofMinutes(3).minusSeconds(1));
        assertThat(cache.isUnavailable("a", "z1", "spot")).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.isUnavailable("a", "z1", "spot")).isFalse();
    }

    @Test
    void applyMarksOnlyTheRememberedOfferings() {
        Offering spot = new Offering("z1", "spot", 0.1, true);
        Offering onDemand = new Offering("z1", "on-demand", 0.3, true);
        List<InstanceType> types = List.of(type("a", spot, onDemand), type("b", spot));
        assertThat(cache.apply(types)).isSameAs(types);

        cache.markUnavailable("a", spot);
        List<InstanceType> applied = cache.apply(types);
        assertThat(applied.get(0).offerings()).containsExactly(spot.withAvailable(false), onDemand);
        assertThat(applied.get(1)).isSameAs(types.get(1));
        assertThat(applied.get(0).cheapestAvailable()).contains(onDemand);

        clock.advance(Duration.ofMinutes(3));
        assertThat(cache.apply(types).get(0).offerings()).containsExactly(spot, onDemand);
    }

    @Test
    void anExhaustedReservationLeavesTheOtherReservationsOfItsTypeAndZoneOffered() {
        Offering first = new Offering("z1", Offering.RESERVED, 0.0, true, new Reservation("cr-1", 1, Map.of()));
        Offering second = new Offering("z1", Offering.RESERVED, 0.0, true, new Reservation("cr-2", 4, Map.of()));
        Offering onDemand = new Offering("z1", Offering.ON_DEMAND, 0.3, true);
        List<InstanceType> types = List.of(type("a", first, second, onDemand));

        cache.markReservationUnavailable("cr-1");
        assertThat(cache.isUnavailable("a", first)).isTrue();
        assertThat(cache.isUnavailable("a", second)).isFalse();
        assertThat(cache.isUnavailable("a", "z1", Offering.RESERVED)).isFalse();
        assertThat(cache.apply(types).get(0).offerings()).containsExactly(first.withAvailable(false), second, onDemand);

        clock.advance(Duration.ofMinutes(3));
        assertThat(cache.isUnavailable("a", first)).isFalse();
        assertThat(cache.apply(types).get(0).offerings()).containsExactly(first, second, onDemand);
    }

    @Test
    void anOfferingOfAReservationThatCouldNotBeFilledMarksThatReservationOnly() {
        Offering first = new Offering("z1", Offering.RESERVED, 0.0, true, new Reservation("cr-1", 1, Map.of()));
        Offering second = new Offering("z1", Offering.RESERVED, 0.0, true, new Reservation("cr-2", 4, Map.of()));

        cache.markUnavailable("a", first);
        assertThat(cache.isUnavailable("a", first)).isTrue();
        assertThat(cache.isUnavailable("a", second)).isFalse();
        assertThat(cache.isUnavailable("a", "z1", Offering.RESERVED)).isFalse();
    }

    @Test
    void aRememberedTripleCoversEveryReservationOfIt() {
        Offering reserved = new Offering("z1", Offering.RESERVED, 0.0, true, new Reservation("cr-1", 1, Map.of()));
        cache.markUnavailable("a", "z1", Offering.RESERVED);
        assertThat(cache.isUnavailable("a", reserved)).isTrue();
    }

    @Test
    void ttlMustBePositive() {
        assertThatThrownBy(() -> new UnavailableOfferings(clock, Duration.ZERO)).hasMessageContaining("ttl");
    }
}
