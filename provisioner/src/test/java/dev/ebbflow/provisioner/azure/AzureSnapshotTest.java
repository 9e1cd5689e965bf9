package dev.ebbflow.provisioner.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.provisioner.catalog.CatalogWriter;
import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Offering;
import dev.ebbflow.provisioner.catalog.ShippedCatalogFiles;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The shipped eastus snapshot is what the adapter's own conversion makes of the price table in the test
 * resources (shapes as the Resource SKUs API would give them, prices as AKS's Karpenter provider published
 * them), covers what it promises, and prices VM sizes when the retail prices API cannot be reached.
 * To regenerate after a change: {@code -Debbflow.snapshot.update=true}.
 */
class AzureSnapshotTest {

    private static final Path SNAPSHOT = Path.of("src/main/resources/dev/ebbflow/provisioner/azure/catalog-eastus.yaml");
    private static final Set<String> ZONES = new TreeSet<>(List.of("1", "2", "3"));

    private static final FakeAzureResourceManager arm = FakeAzureResourceManager.shared();

    @Test
    void theShippedSnapshotIsGeneratedFromThePriceTable() throws IOException {
        ShippedCatalogFiles.assertGenerated(SNAPSHOT, generate());
    }

    @Test
    void itCoversTheGeneralComputeAndMemoryFamiliesOfRecentGenerationsOnBothArchitectures() {
        List<InstanceType> types = AzureSnapshot.of(AzureSnapshot.SNAPSHOT_LOCATION);
        assertThat(types).hasSize(64);
        assertThat(versions(types, "D", "amd64")).containsExactly("4", "5", "6");
        assertThat(versions(types, "E", "amd64")).containsExactly("4", "5", "6");
        assertThat(versions(types, "F", "amd64")).containsExactly("2", "6");
        assertThat(versions(types, "D", "arm64")).containsExactly("5");
        assertThat(versions(types, "E", "arm64")).containsExactly("5");
        InstanceType d4ps = types.stream().filter(t -> t.name().equals("Standard_D4ps_v5")).findFirst().orElseThrow();
        assertThat(d4ps.labels()).containsEntry(AzureLabels.SKU_CPU, "4").containsEntry(AzureLabels.SKU_MEMORY, "16384")
                .containsEntry(AzureLabels.SKU_SERIES, "Dps_v5").doesNotContainKey(AzureLabels.SKU_STORAGE_EPHEMERAL_OS_MAX_SIZE);
        assertThat(d4ps.offerings()).extracting(Offering::zone).containsExactly("eastus-1", "eastus-2", "eastus-3");
        assertThat(d4ps.offerings()).allSatisfy(o -> assertThat(o.capacityType()).isEqualTo(Offering.ON_DEMAND));
        assertThat(AzureSnapshot.of("westeurope")).isEmpty();
    }

    @Test
    void itsPricesAreTheSourcesForEachFamily() {
        // Read off the "eastus" map of zz_generated.pricing.go (karpenter-provider-azure 0499866a, 2023-12-18).
        Map<String, Double> source = Map.of("Standard_D2s_v5", 0.096, "Standard_D16as_v6", 0.661, "Standard_D2ps_v5", 0.077,
                "Standard_E2s_v5", 0.126, "Standard_E8as_v6", 0.434, "Standard_E4ps_v5", 0.202,
                "Standard_F2s_v2", 0.0846, "Standard_F16as_v6", 1.136, "Standard_F4als_v6", 0.251);
        RetailPrices prices = AzureSnapshot.prices(AzureSnapshot.SNAPSHOT_LOCATION).orElseThrow();
        source.forEach((sku, price) -> assertThat(prices.of(sku).onDemand()).as(sku).contains(price));
        assertThat(prices.of("Standard_D2s_v5").spot()).isEmpty();
    }

    @Test
    void whenTheRetailPricesApiCannotBeReachedTheSnapshotPricesTheRegionsSizes() throws Exception {
        arm.reset();
        arm.skus(ArmClient.JSON.readTree(AzureFixtures.json("skus.json").toString().replace("westeurope", "eastus")));
        ArmClient client = new ArmClient(arm.httpClient(), arm.endpoint(), () -> "test-token", d -> { });
        URI unreachable = URI.create("https://127.0.0.1:1");
        Clock clock = Clock.fixed(Instant.parse("2026-12-07T03:00:00Z"), ZoneOffset.UTC);

        List<InstanceType> types = new AzureCatalog(client, new AzureCatalog.Source(AzureFixtures.SUBSCRIPTION, "eastus", unreachable,
                Duration.ofHours(12)), clock).instanceTypes();

        // The SKUs API's unrestricted sizes that the snapshot prices, on demand only; the others (A1_v2, the A100 size) are not offered.
        assertThat(types).extracting(InstanceType::name).containsExactlyInAnyOrder("Standard_D2ps_v5", "Standard_D4ps_v5",
                "Standard_D8ps_v5", "Standard_E2ps_v5", "Standard_D2s_v5", "Standard_F2s_v2");
        InstanceType d2ps = types.stream().filter(t -> t.name().equals("Standard_D2ps_v5")).findFirst().orElseThrow();
        assertThat(d2ps.offerings()).isNotEmpty().allSatisfy(o -> {
            assertThat(o.capacityType()).isEqualTo(Offering.ON_DEMAND);
            assertThat(o.pricePerHour()).isEqualTo(0.077);
        });
        // Zones still come from the live SKUs API, not from the snapshot.
        InstanceType d8ps = types.stream().filter(t -> t.name().equals("Standard_D8ps_v5")).findFirst().orElseThrow();
        assertThat(d8ps.offerings()).extracting(Offering::zone).doesNotContain("eastus-3");
        assertThat(arm.requests("GET", "/skus")).isNotEmpty();
    }

    @Test
    void aRegionWithoutASnapshotStillFailsWhenTheRetailPricesApiCannotBeReached() {
        arm.reset();
        AzureFixtures.serveCatalog(arm);
        ArmClient client = new ArmClient(arm.httpClient(), arm.endpoint(), () -> "test-token", d -> { });
        AzureCatalog catalog = new AzureCatalog(client, new AzureCatalog.Source(AzureFixtures.SUBSCRIPTION, "westeurope",
                URI.create("https://127.0.0.1:1"), Duration.ofHours(12)), Clock.systemUTC());
        assertThatThrownBy(catalog::instanceTypes).isInstanceOf(ArmException.class).hasMessageContaining("api/retail/prices");
    }

    private static List<String> versions(List<InstanceType> types, String family, String arch) {
        return types.stream().filter(t -> t.architecture().equals(arch) && t.labels().get(AzureLabels.SKU_FAMILY).equals(family))
                .map(t -> t.labels().get(AzureLabels.SKU_VERSION)).collect(Collectors.toCollection(TreeSet::new)).stream().toList();
    }

    private static String generate() throws IOException {
        List<ResourceSku> skus = new ArrayList<>();
        RetailPrices prices = new RetailPrices();
        try (InputStream in = AzureSnapshotTest.class.getResourceAsStream("eastus-on-demand.csv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(",");
                // Every series here is an 's' (premium storage) series of generation 2 or later with accelerated networking.
                skus.add(new ResourceSku(f[3], Integer.parseInt(f[4]), Long.parseLong(f[5]) * 1024, f[2], ZONES, 0, true, true, true, 0));
                prices.put(f[3], Double.parseDouble(f[6]), Optional.empty());
            }
        }
        List<InstanceType> types = new ArrayList<>();
        for (InstanceType t : AzureInstanceTypes.build(skus, prices, AzureSnapshot.SNAPSHOT_LOCATION, AzureInstanceTypes.Shape.DEFAULT)) {
            // The table has no temporary-disk sizes: the ephemeral OS disk label is unknown here, not absent.
            Map<String, String> labels = new HashMap<>(t.labels());
            labels.remove(AzureLabels.SKU_STORAGE_EPHEMERAL_OS_MAX_SIZE);
            types.add(new InstanceType(t.name(), t.capacity(), t.overhead(), t.architecture(), t.operatingSystems(), labels,
                    t.absentLabels(), t.offerings()));
        }
        types.sort(Comparator.comparing(InstanceType::name));
        return "# Ebbflow's offline Azure catalog for eastus, generated 2026-12-07 by AzureSnapshotTest from\n"
                + "# provisioner/src/test/resources/dev/ebbflow/provisioner/azure/eastus-on-demand.csv. Prices: Linux pay-as-you-go, copied from\n"
                + "# the eastus map of pkg/providers/pricing/zz_generated.pricing.go in Azure/karpenter-provider-azure (commit 0499866a,\n"
                + "# generated 2023-12-18T14:34:50Z); on-demand offerings only, in zones eastus-1, -2 and -3. Derived here, not read from\n"
                + "# Azure: vCPUs from the size name, memory from the series' GiB per vCPU, architecture, the sku-* labels (as the adapter\n"
                + "# derives them from Resource SKU capabilities), and capacity and overhead by AKS's reservations for 250 pods and a\n"
                + "# 128 GB OS disk. The ephemeral OS disk size label is left out (unknown).\n"
                + CatalogWriter.write(types);
    }
}
