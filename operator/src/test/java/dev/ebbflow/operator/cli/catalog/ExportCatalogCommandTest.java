package dev.ebbflow.operator.cli.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.provisioner.catalog.CatalogReader;
import dev.ebbflow.provisioner.catalog.CatalogWriter;
import dev.ebbflow.provisioner.catalog.InstanceType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCatalogCommandTest {

    private static final String NODE_CLASS = """
            apiVersion: ebbflow.dev/v1alpha1
            kind: SimulatedNodeClass
            metadata:
              name: two-families
            spec:
              zones: [eu-west-1a, eu-west-1b]
              instanceFamilies:
                - name: m
                  memoryGiBPerVCpu: 4
                - name: c
                  memoryGiBPerVCpu: 2
              sizes: [2, 4]
              architectures: [arm64]
              capacityTypes: [on-demand]
            """;

    @TempDir
    Path dir;

    private Path file(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void theSimulatedCloudExportsTheCatalogItsNodeClassGeneratesAndItReadsBackUnchanged() throws Exception {
        Path nodeClass = file("class.yaml", NODE_CLASS);
        Path catalog = dir.resolve("catalog.yaml");
        CatalogCli run = CatalogCli.run("catalog", "export", "--cloud", "simulated", "--node-class", nodeClass.toString(), "--output", catalog.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        List<InstanceType> types = CatalogReader.read(catalog);
        assertThat(types).extracting(InstanceType::name).containsExactlyInAnyOrder(
                "c-2x-arm64-linux", "c-4x-arm64-linux", "m-2x-arm64-linux", "m-4x-arm64-linux");
        assertThat(types).allSatisfy(t -> assertThat(t.offerings()).extracting(o -> o.zone()).containsExactlyInAnyOrder("eu-west-1a", "eu-west-1b"));
        assertThat(CatalogWriter.write(types)).isEqualTo(Files.readString(catalog));
    }

    @Test
    void withoutAnOutputTheCatalogGoesToStandardOutput() throws Exception {
        CatalogCli run = CatalogCli.run("catalog", "export", "--cloud=simulated", "--node-class=" + file("class.yaml", NODE_CLASS));
        assertThat(run.exit()).isZero();
        assertThat(CatalogReader.read("stdout", run.out())).hasSize(4);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void badInputIsOneLineNamingTheOptionAndANonZeroExit() throws Exception {
        CatalogCli.run("catalog", "export", "--cloud", "gcp").assertOneLineError("--cloud: unknown cloud 'gcp' (known: ", "simulated");
        CatalogCli.run("catalog", "export", "--cloud", "simulated").assertOneLineError("--node-class: required with --cloud simulated");
        CatalogCli.run("catalog", "export", "--cloud", "simulated", "--node-class", dir.resolve("missing.yaml").toString()).assertOneLineError(
                "--node-class: cannot read");
        CatalogCli.run("catalog", "export", "--cloud", "simulated", "--node-class", file("cm.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: x
                """).toString()).assertOneLineError("--node-class: ", "holds v1 ConfigMap, not a ebbflow.dev/v1alpha1 SimulatedNodeClass");
        CatalogCli.run("catalog", "export", "--cloud", "simulated", "--node-class", file("garbage.yaml", "{{ not yaml").toString()).assertOneLineError(
                "--node-class: ", "is not a Kubernetes manifest");
        CatalogCli.run("catalog", "export", "--cloud", "simulated", "--node-class",
                file("bad-family.yaml", NODE_CLASS.replace("memoryGiBPerVCpu: 4", "memoryGiBPerVCpu: 0")).toString()).assertOneLineError(
                "--node-class: ", "spec.instanceFamilies[0]");
        CatalogCli.run("catalog", "export", "--cloud", "simulated", "--node-class", file("class.yaml", NODE_CLASS).toString(),
                "--output", dir.resolve("no-such-dir/catalog.yaml").toString()).assertOneLineError("--output: cannot write");
    }
}
