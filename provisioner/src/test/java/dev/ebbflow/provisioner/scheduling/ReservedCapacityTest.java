package dev.ebbflow.provisioner.scheduling;

import static dev.ebbflow.provisioner.scheduling.Fixtures.pod;
import static dev.ebbflow.provisioner.scheduling.Fixtures.provision;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Offering;
import dev.ebbflow.provisioner.catalog.Reservation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Capacity reservations: their labels select, their counts cap the claims of one pass, and a reserved claim is pinned. */
class ReservedCapacityTest {

    static final String ID = "example.com/capacity-reservation-id";
    static final String KIND = "example.com/capacity-reservation-type";

    static Reservation reservation(String id, int capacity, String kind) {
        return new Reservation(id, capacity, Map.of(ID, id, KIND, kind));
    }

    static Offering reserved(String zone, Reservation r) {
        return new Offering(zone, Offering.RESERVED, 0.001, true, r);
    }

    /** m.large (2 vCPU) and m.xlarge (4 vCPU) on-demand and spot in zones a and b, with the given reserved offerings on m.large. */
    static List<InstanceType> catalog(Offering... reservedLarge) {
        List<Offering> large = new ArrayList<>(List.of(new Offering("zone-a", Offering.ON_DEMAND, 0.10, true),
                new Offering("zone-b", Offering.ON_DEMAND, 0.10, true), new Offering("zone-a", Offering.SPOT, 0.07, true)));
        large.addAll(List.of(reservedLarge));
        List<Offering> xlarge = List.of(new Offering("zone-a", Offering.ON_DEMAND, 0.20, true), new Offering("zone-b", Offering.ON_DEMAND, 0.20, true));
        return List.of(Fixtures.type("m.large", 2, 8, "amd64", Map.of(), large), Fixtures.type("m.xlarge", 4, 16, "amd64", Map.of(), xlarge));
    }

    static PoolTemplate pool(List<InstanceType> types, String... capacityTypes) {
        Requirements r = capacityTypes.length == 0 ? Requirements.NONE : Requirements.of(Requirement.in(WellKnownLabels.CAPACITY_TYPE, capacityTypes));
        return PoolTemplate.basic("p", 0, r, types);
    }

    /** Pods of 1500m: one per m.large. */
    static List<SchedulablePod> pods(int n) {
        List<SchedulablePod> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(pod("w" + i, "1500m", "1Gi", Map.of("app", "w")));
        }
        return out;
    }

    static long reservedClaims(SchedulingResult r, String id) {
        return r.newClaims().stream().filter(c -> c.requirements().get(ID) != null && c.requirements().get(ID).has(id)).count();
    }

    @Test
    void claimsOnAReservationNeverExceedItsCountAndTheRestFallBackToOnDemand() {
        SchedulingResult r = provision(pods(5), List.of(), pool(catalog(reserved("zone-a", reservation("cr-1", 2, "default"))), Offering.RESERVED, Offering.ON_DEMAND));

        assertThat(r.newClaims()).hasSize(5);
        assertThat(r.unschedulable()).isEmpty();
        assertThat(reservedClaims(r, "cr-1")).isEqualTo(2);
        for (NewClaim c : r.newClaims()) {
            boolean reserved = c.requirements().get(ID) != null;
            if (reserved) {
                assertThat(c.requirements().get(WellKnownLabels.CAPACITY_TYPE).finiteValues()).containsExactly(Offering.RESERVED);
                assertThat(c.requirements().get(ID).finiteValues()).containsExactly("cr-1");
                assertThat(c.requirements().get(KIND).finiteValues()).containsExactly("default");
                assertThat(c.requirements().get(WellKnownLabels.ZONE).finiteValues()).containsExactly("zone-a");
                assertThat(c.options()).extracting(InstanceOption::name).containsExactly("m.large");
                assertThat(c.cheapest().offering().reservation().id()).isEqualTo("cr-1");
            } else {
                // Not pinned, and kept off reserved capacity: the reservation is held by the other claims.
                assertThat(c.requirements().get(KIND)).isNull();
                assertThat(c.requirements().get(WellKnownLabels.CAPACITY_TYPE).finiteValues()).containsExactly(Offering.ON_DEMAND);
                assertThat(c.options()).allSatisfy(o -> assertThat(o.offering().reservation()).isNull());
            }
        }
    }

    @Test
    void aPoolThatAllowsOnlyReservedMakesNoClaimOnceItsReservationsAreUsedUp() {
        SchedulingResult r = provision(pods(4), List.of(), pool(catalog(reserved("zone-a", reservation("cr-1", 2, "default"))), Offering.RESERVED));

        assertThat(r.newClaims()).hasSize(2).allSatisfy(c -> assertThat(c.requirements().get(ID).finiteValues()).containsExactly("cr-1"));
        assertThat(r.unschedulable()).hasSize(2)
                .allSatisfy(u -> assertThat(u.reason()).contains("capacity reservations it could use have no instances left"));
    }

    @Test
    void offeringsSharingOneReservationShareItsCount() {
        Reservation shared = reservation("cr-1", 3, "default");
        SchedulingResult r = provision(pods(6), List.of(),
                pool(catalog(reserved("zone-a", shared), reserved("zone-b", shared)), Offering.RESERVED, Offering.ON_DEMAND));

        assertThat(reservedClaims(r, "cr-1")).isEqualTo(3);
        assertThat(r.newClaims()).hasSize(6);
    }

    @Test
    void reservationLabelsSelectLikeZones() {
        PoolTemplate p = pool(catalog(reserved("zone-a", reservation("cr-1", 5, "default")), reserved("zone-b", reservation("cr-2", 5, "capacity-block"))),
                Offering.RESERVED, Offering.ON_DEMAND);

        // The pool does not name the key: a reservation label is the catalog's own, as a zone is.
        SchedulablePod block = pod("block", "1", "1Gi").withNodeSelector(Requirements.fromLabels(Map.of(KIND, "capacity-block")));
        NewClaim c = provision(List.of(block), List.of(), p).newClaims().get(0);
        assertThat(c.requirements().get(ID).finiteValues()).containsExactly("cr-2");
        assertThat(c.requirements().get(WellKnownLabels.ZONE).finiteValues()).containsExactly("zone-b");

        SchedulablePod named = pod("named", "1", "1Gi").withNodeSelector(Requirements.of(Requirement.in(ID, "cr-1")));
        assertThat(provision(List.of(named), List.of(), p).newClaims().get(0).requirements().get(ID).finiteValues()).containsExactly("cr-1");

        // Offerings without a reservation lack the labels: DoesNotExist and NotIn allow them, In and Exists do not.
        SchedulablePod none = pod("none", "1", "1Gi").withNodeSelector(Requirements.of(Requirement.doesNotExist(ID)));
        NewClaim plain = provision(List.of(none), List.of(), p).newClaims().get(0);
        assertThat(plain.requirements().get(WellKnownLabels.CAPACITY_TYPE).finiteValues()).containsExactly(Offering.ON_DEMAND);
        SchedulablePod notBlock = pod("not-block", "1", "1Gi").withNodeSelector(Requirements.of(Requirement.notIn(KIND, "capacity-block")));
        assertThat(provision(List.of(notBlock), List.of(), p).newClaims().get(0).requirements().get(ID).finiteValues()).containsExactly("cr-1");
        SchedulablePod anyReservation = pod("any", "1", "1Gi").withNodeSelector(Requirements.of(Requirement.exists(ID)));
        NewClaim onSome = provision(List.of(anyReservation), List.of(), p).newClaims().get(0);
        assertThat(onSome.cheapest().offering().reservation()).isNotNull();

        // A pool that requires a reservation label leaves out every offering without one.
        PoolTemplate blocksOnly = PoolTemplate.basic("blocks", 0, Requirements.of(Requirement.in(WellKnownLabels.CAPACITY_TYPE, Offering.RESERVED, Offering.ON_DEMAND),
                Requirement.in(KIND, "capacity-block")), p.instanceTypes());
        SchedulingResult r = provision(pods(7), List.of(), blocksOnly);
        assertThat(r.newClaims()).hasSize(5).allSatisfy(cl -> assertThat(cl.requirements().get(ID).finiteValues()).containsExactly("cr-2"));
        assertThat(r.unschedulable()).hasSize(2);
    }

    @Test
    void aRequirementOnAReservationLabelOfACatalogWithoutReservationsFindsNoNode() {
        SchedulablePod wants = pod("wants", "1", "1Gi").withNodeSelector(Requirements.of(Requirement.in(ID, "cr-1")));
        SchedulingResult r = provision(List.of(wants), List.of(), pool(catalog(), Offering.ON_DEMAND, Offering.RESERVED));
        assertThat(r.newClaims()).isEmpty();
        assertThat(r.unschedulable()).hasSize(1);
    }

    @Test
    void aPoolWithoutACapacityTypeRequirementIsNeverReserved() {
        List<InstanceType> types = catalog(reserved("zone-a", reservation("cr-1", 5, "default")));
        for (PoolTemplate p : List.of(pool(types), pool(types, Offering.SPOT, Offering.ON_DEMAND))) {
            SchedulingResult r = provision(pods(3), List.of(), p);
            assertThat(r.newClaims()).hasSize(3).allSatisfy(c -> {
                assertThat(c.requirements().get(ID)).isNull();
                assertThat(c.requirements().get(WellKnownLabels.CAPACITY_TYPE).finiteValues()).doesNotContain(Offering.RESERVED);
                assertThat(c.options()).allSatisfy(o -> assertThat(o.offering().capacityType()).isNotEqualTo(Offering.RESERVED));
            });
        }
        // Nor can a pod ask for reserved capacity from it.
        SchedulablePod reservedPod = pod("r", "1", "1Gi").withNodeSelector(Requirements.fromLabels(Map.of(WellKnownLabels.CAPACITY_TYPE, Offering.RESERVED)));
        assertThat(provision(List.of(reservedPod), List.of(), pool(types)).newClaims()).isEmpty();
        // Once the pool names it, the reservation is used first.
        assertThat(reservedClaims(provision(pods(3), List.of(), pool(types, Offering.SPOT, Offering.ON_DEMAND, Offering.RESERVED)), "cr-1")).isEqualTo(3);
    }

    @Test
    void aReservedClaimKeepsItsReservationRatherThanGrowOutOfIt() {
        PoolTemplate p = pool(catalog(reserved("zone-a", reservation("cr-1", 1, "default"))), Offering.RESERVED, Offering.ON_DEMAND);
        List<SchedulablePod> ps = List.of(pod("small", "1", "1Gi"), pod("big", "1500m", "1Gi"));
        for (Packing packing : Packing.values()) {
            SchedulingResult r = Scheduler.provision(new SchedulingInput(ps, List.of(), List.of(), List.of(p)).withPacking(packing));
            NewClaim reserved = r.newClaims().stream().filter(c -> c.requirements().get(ID) != null).findFirst().orElseThrow();
            assertThat(reserved.options()).extracting(InstanceOption::name).containsExactly("m.large");
            assertThat(r.newClaims()).as(packing.name()).hasSize(2);
        }
    }

    @Test
    void aPodThatRequiresOnDemandDoesNotTakeAReservation() {
        PoolTemplate p = pool(catalog(reserved("zone-a", reservation("cr-1", 1, "default"))), Offering.RESERVED, Offering.ON_DEMAND);
        SchedulablePod od = pod("od", "1500m", "1Gi").withNodeSelector(Requirements.fromLabels(Map.of(WellKnownLabels.CAPACITY_TYPE, Offering.ON_DEMAND)));
        SchedulingResult r = provision(List.of(od, pod("any", "1500m", "1Gi")), List.of(), p);
        assertThat(r.newClaims()).hasSize(2);
        assertThat(reservedClaims(r, "cr-1")).isEqualTo(1);
        NewClaim forOd = r.newClaims().stream().filter(c -> c.pods().get(0).name().equals("od")).findFirst().orElseThrow();
        assertThat(forOd.requirements().get(ID)).isNull();
        assertThat(Set.copyOf(forOd.requirements().get(WellKnownLabels.CAPACITY_TYPE).finiteValues())).containsExactly(Offering.ON_DEMAND);
    }
}
