package dev.ebbflow.provisioner.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class KwokStyleCatalogGeneratorTest {

    private static final long GIB_MILLI = (1L << 30) * 1000;

    private final List<InstanceType> types = KwokStyleCatalogGenerator.generate();

    @Test
    void familiesHaveTwoFourAndEightGiBPerVCpu() {
        Map<String, Long> ratios = types.stream().collect(Collectors.toMap(
                t -> t.labels().get(KwokStyleCatalogGenerator.FAMILY_LABEL),
                t -> t.capacity().milli(ResourceList.MEMORY) / GIB_MILLI / (t.capacity().milli(ResourceList.CPU) / 1000),
                (a, b) -> {
                    assertThat(a).isEqualTo(b);
                    return a;
                }));
        assertThat(ratios).containsExactlyInAnyOrderEntriesOf(Map.of("c", 2L, "s", 4L, "m", 8L));
    }

    @Test
    void sizesArchitecturesZonesAndCapacityTypes() {
        assertThat(types).hasSize(3 * 12 * 2);
        assertThat(types).extracting(t -> t.capacity().milli(ResourceList.CPU) / 1000).containsOnly(
                1L, 2L, 4L, 8L, 16L, 32L, 48L, 64L, 96L, 128L, 192L, 256L);
        assertThat(types).extracting(InstanceType::architecture).containsOnly("amd64", "arm64");
        assertThat(types.stream().filter(t -> t.architecture().equals("arm64"))).hasSize(36);
        InstanceType first = types.get(0);
        assertThat(first.name()).isEqualTo("c-1x-amd64-linux");
        assertThat(first.operatingSystems()).containsExactly("linux");
        assertThat(first.offerings()).hasSize(8);
        assertThat(first.offerings()).extracting(Offering::zone).containsOnly("test-zone-a", "test-zone-b", "test-zone-c", "test-zone-d");
        assertThat(first.offerings()).extracting(Offering::capacityType).containsOnly("spot", "on-demand");
        assertThat(first.offerings()).allMatch(Offering::available);
    }

    @Test
    void spotIsCheaperThanOnDemandAndPricesGrowWithSize() {
        for (InstanceType t : types) {
            for (Offering spot : t.offerings().stream().filter(o -> o.capacityType().equals("spot")).toList()) {
                Offering onDemand = t.offerings().stream()
                        .filter(o -> o.zone().equals(spot.zone()) && o.capacityType().equals("on-demand")).findFirst().orElseThrow();
                assertThat(spot.pricePerHour()).as(t.name() + " " + spot.zone()).isLessThan(onDemand.pricePerHour());
            }
        }
        double previous = 0;
        for (InstanceType t : types.stream().filter(t -> t.name().startsWith("s-") && t.architecture().equals("amd64")).toList()) {
            double price = t.offerings().get(1).pricePerHour();
            assertThat(price).as(t.name()).isGreaterThan(previous);
            previous = price;
        }
        InstanceType amd = byName("m-4x-amd64-linux");
        InstanceType arm = byName("m-4x-arm64-linux");
        assertThat(arm.cheapestAvailable().orElseThrow().pricePerHour()).isLessThan(amd.cheapestAvailable().orElseThrow().pricePerHour());
        assertThat(byName("m-4x-amd64-linux").offerings().get(1).pricePerHour())
                .isGreaterThan(byName("c-4x-amd64-linux").offerings().get(1).pricePerHour());
    }

    @Test
    void overheadGrowsWithSizeAndLeavesMostOfTheMachine() {
        InstanceType small = byName("c-1x-amd64-linux");
        InstanceType large = byName("c-256x-amd64-linux");
        assertThat(small.overhead().milli(ResourceList.CPU)).isEqualTo(60);
        assertThat(large.overhead().milli(ResourceList.CPU)).isGreaterThan(small.overhead().milli(ResourceList.CPU));
        assertThat(large.overhead().milli(ResourceList.MEMORY)).isGreaterThan(small.overhead().milli(ResourceList.MEMORY));
        for (InstanceType t : types) {
            assertThat(t.allocatable().milli(ResourceList.CPU)).as(t.name()).isGreaterThan(t.capacity().milli(ResourceList.CPU) * 7 / 10);
            assertThat(t.allocatable().milli(ResourceList.MEMORY)).as(t.name()).isGreaterThanOrEqualTo(t.capacity().milli(ResourceList.MEMORY) / 2);
            assertThat(t.allocatable().milli(ResourceList.PODS)).isIn(110_000L, 250_000L);
        }
    }

    @Test
    void optionsNarrowTheCatalog() {
        List<InstanceType> narrow = KwokStyleCatalogGenerator.generate(KwokStyleCatalogGenerator.Options.defaults()
                .withFamilies(List.of(new KwokStyleCatalogGenerator.Family("r", 16)))
                .withSizes(List.of(2, 4)).withArchitectures(List.of("arm64"))
                .withZones(List.of("z1")).withCapacityTypes(List.of("on-demand", "reserved")));
        assertThat(narrow).extracting(InstanceType::name).containsExactly("r-2x-arm64-linux", "r-4x-arm64-linux");
        assertThat(narrow.get(0).capacity().milli(ResourceList.MEMORY)).isEqualTo(32 * GIB_MILLI);
        assertThat(narrow.get(0).offerings()).extracting(Offering::capacityType).containsExactly("on-demand", "reserved");
        assertThat(narrow.get(0).offerings().get(1).pricePerHour()).isLessThan(narrow.get(0).offerings().get(0).pricePerHour());
        assertThatThrownBy(() -> KwokStyleCatalogGenerator.Options.defaults().withSizes(List.of(0))).hasMessageContaining("sizes");
        assertThatThrownBy(() -> KwokStyleCatalogGenerator.Options.defaults().withCapacityTypes(List.of("cheap"))).hasMessageContaining("cheap");
    }

    private InstanceType byName(String name) {
        return types.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }
}
