package dev.ebbflow.provisioner.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.provisioner.aws.fake.Ec2World;
import dev.ebbflow.provisioner.catalog.CatalogWriter;
import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Offering;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;

/**
 * The shipped us-east-1 snapshot is what the adapter's own conversion makes of the price table in the
 * test resources (shapes as DescribeInstanceTypes gives them, published on-demand prices), and covers
 * what it promises. To regenerate after a change: {@code -Debbflow.snapshot.update=true}.
 */
class Ec2SnapshotTest {

    private static final Path SNAPSHOT = Path.of("src/main/resources/dev/ebbflow/provisioner/aws/catalog-us-east-1.yaml");
    private static final String[] ZONES = {"us-east-1a", "us-east-1b", "us-east-1c"};

    @Test
    void theShippedSnapshotIsGeneratedFromThePriceTable() throws IOException {
        String generated = generate();
        if (Boolean.getBoolean("ebbflow.snapshot.update")) {
            Files.writeString(SNAPSHOT, generated);
        }
        assertThat(Files.readString(SNAPSHOT)).isEqualTo(generated);
    }

    @Test
    void itCoversGeneralComputeAndMemoryFamiliesOfThreeGenerationsOnBothArchitectures() {
        List<InstanceType> types = Ec2Snapshot.of(Ec2Snapshot.SNAPSHOT_REGION);
        assertThat(types).hasSize(72);
        for (String category : List.of("m", "c", "r")) {
            for (String arch : List.of("amd64", "arm64")) {
                Set<String> generations = types.stream().filter(t -> t.architecture().equals(arch))
                        .filter(t -> t.labels().get(Ec2Labels.CATEGORY).equals(category))
                        .map(t -> t.labels().get(Ec2Labels.GENERATION)).collect(Collectors.toSet());
                assertThat(generations).as(category + " " + arch).hasSize(3);
            }
        }
        InstanceType m7g = types.stream().filter(t -> t.name().equals("m7g.large")).findFirst().orElseThrow();
        assertThat(m7g.offerings()).contains(new Offering("us-east-1a", Offering.ON_DEMAND, 0.0816, true));
        assertThat(Ec2Snapshot.onDemandPrices("us-east-1")).containsEntry("c6i.4xlarge", 0.68);
        assertThat(Ec2Snapshot.of("eu-north-1")).isEmpty();
    }

    private static String generate() throws IOException {
        List<InstanceTypeInfo> infos = new ArrayList<>();
        Map<String, Set<String>> zones = new HashMap<>();
        Map<String, Double> prices = new HashMap<>();
        try (InputStream in = Ec2SnapshotTest.class.getResourceAsStream("us-east-1-on-demand.csv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(",");
                infos.add(Ec2World.info(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), f[3], f[4], Integer.parseInt(f[5]),
                        Integer.parseInt(f[6])).toBuilder().supportedUsageClassesWithStrings("on-demand")
                        .networkInfo(n -> n.maximumNetworkInterfaces(Integer.parseInt(f[5])).ipv4AddressesPerInterface(Integer.parseInt(f[6])))
                        .ebsInfo((software.amazon.awssdk.services.ec2.model.EbsInfo) null).build());
                zones.put(f[0], Set.of(ZONES));
                prices.put(f[0], Double.parseDouble(f[7]));
            }
        }
        Ec2CatalogData data = new Ec2CatalogData(infos, zones, prices, Map.of(), Instant.EPOCH);
        List<InstanceType> types = new ArrayList<>();
        for (InstanceType t : Ec2InstanceTypes.of(data, new Ec2InstanceTypes.NodeShape(null, BlockDevices.DEFAULT_KUBELET_VOLUME_BYTES,
                false, Ec2Overhead.DEFAULT_VM_MEMORY_OVERHEAD, new HashSet<>(List.of(ZONES))))) {
            // The table has no network or EBS bandwidth: those labels are unknown here, not absent.
            Set<String> absent = new HashSet<>(t.absentLabels());
            absent.remove(Ec2Labels.NETWORK_BANDWIDTH);
            absent.remove(Ec2Labels.EBS_BANDWIDTH);
            Map<String, String> labels = new HashMap<>(t.labels());
            labels.remove(Ec2Labels.ENCRYPTION_IN_TRANSIT);
            types.add(new InstanceType(t.name(), t.capacity(), t.overhead(), t.architecture(), t.operatingSystems(), labels, absent, t.offerings()));
        }
        types.sort(java.util.Comparator.comparing(InstanceType::name));
        return "# Ebbflow's offline AWS catalog for us-east-1, generated 2026-12-07 by Ec2SnapshotTest from\n"
                + "# provisioner/src/test/resources/dev/ebbflow/provisioner/aws/us-east-1-on-demand.csv. Prices: AWS's published\n"
                + "# us-east-1 Linux on-demand list prices as of 2026-02-09, as the on-demand price list Karpenter's AWS provider generates\n"
                + "# from the Pricing API has them (aws/karpenter-provider-aws, pkg/providers/pricing/zz_generated.pricing_aws.go,\n"
                + "# commit 265ee0ba5b8e337dec6b82dde965b03021ccb418, generated 2026-02-09T13:43:35Z); all 72 were checked against it.\n"
                + "# On-demand offerings only; overhead by Karpenter's formulas for AL2023 with a 20Gi root volume.\n"
                + CatalogWriter.write(types);
    }
}
