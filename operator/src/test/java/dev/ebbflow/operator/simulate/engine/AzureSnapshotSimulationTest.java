package dev.ebbflow.operator.simulate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.operator.simulate.report.Columns;
import dev.ebbflow.operator.simulate.report.SimulationResult;
import dev.ebbflow.provisioner.azure.AzureLabels;
import dev.ebbflow.provisioner.azure.AzureSnapshot;
import dev.ebbflow.provisioner.catalog.InstanceType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ebbflow simulate} runs an AKS NodePool on the shipped eastus catalog file, as a user's scenario names it. */
class AzureSnapshotSimulationTest {

    /** Where the repository keeps the snapshot; a scenario's {@code catalog:} names this file. */
    static final Path SNAPSHOT = Path.of("../provisioner/src/main/resources/dev/ebbflow/provisioner/azure/catalog-eastus.yaml");

    @TempDir
    Path dir;

    @Test
    void anArm64DFamilyPoolLaunchesOnlyArm64DSizesOfTheSnapshotAtItsPrices() {
        assertThat(Files.isReadable(SNAPSHOT)).as(SNAPSHOT.toAbsolutePath().toString()).isTrue();
        String pool = """
                apiVersion: karpenter.sh/v1
                kind: NodePool
                metadata: {name: aks}
                spec:
                  template:
                    spec:
                      nodeClassRef: {group: karpenter.azure.com, kind: AKSNodeClass, name: default}
                      requirements:
                      - {key: kubernetes.io/arch, operator: In, values: [arm64]}
                      - {key: karpenter.azure.com/sku-family, operator: In, values: [D]}
                  disruption: {consolidationPolicy: WhenEmpty, consolidateAfter: Never}
                """;
        var scenario = TestScenarios.load(dir, "aks-eastus", TestScenarios.deployment("web", 6, "1", "2Gi") + "---\n" + pool, """
                duration: 30m
                catalog: %s
                cluster: {nodeBootTime: 1m}
                """.formatted(SNAPSHOT.toAbsolutePath().normalize()));

        SimulationResult r = Simulation.run(scenario, Simulation.Progress.NONE);

        Map<String, InstanceType> snapshot = AzureSnapshot.of(AzureSnapshot.SNAPSHOT_LOCATION).stream()
                .collect(Collectors.toMap(InstanceType::name, t -> t));
        assertThat(r.summary().nodesLaunchedByType()).isNotEmpty().allSatisfy((type, count) -> {
            assertThat(snapshot).containsKey(type);
            assertThat(snapshot.get(type).architecture()).isEqualTo("arm64");
            assertThat(snapshot.get(type).labels()).containsEntry(AzureLabels.SKU_FAMILY, "D");
        });
        double[] ready = r.series().column(Columns.ready("web"));
        assertThat(ready[ready.length - 1]).isEqualTo(6);
        double hourly = r.summary().nodesLaunchedByType().entrySet().stream()
                .mapToDouble(e -> e.getValue() * snapshot.get(e.getKey()).offerings().get(0).pricePerHour()).sum();
        // Half an hour of the launched nodes (less their boot), at the snapshot's prices.
        assertThat(r.summary().cost()).isPositive().isLessThanOrEqualTo(hourly / 2 + 1e-9);
    }
}
