package dev.ebbflow.operator.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.operator.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulateCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static final String MANIFESTS = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: worker}
            spec:
              replicas: 1
              template:
                spec:
                  containers: [{name: w, image: w, resources: {requests: {cpu: 250m, memory: 256Mi}}}]
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: worker}
            spec:
              scaleTargetRef: {name: worker}
              pollingInterval: 10
              triggers:
                - type: %s
                  metadata: {queueName: jobs, mode: QueueLength, value: "5", host: "http://rabbitmq:15672/"}
            ---
            apiVersion: ebbflow.dev/v1alpha1
            kind: SimulatedNodeClass
            metadata: {name: default}
            spec: {sizes: [2, 4], architectures: [amd64], markSimulated: false}
            ---
            apiVersion: karpenter.sh/v1
            kind: NodePool
            metadata: {name: default}
            spec:
              template:
                spec:
                  nodeClassRef: {group: ebbflow.dev, kind: SimulatedNodeClass, name: default}
                  requirements: []
              disruption: {consolidationPolicy: WhenEmpty, consolidateAfter: 1m}
            """;

    private static final String SCENARIO = """
            duration: %s
            manifests: [manifests.yaml]
            queues:
              - {name: jobs, consumer: worker, messagesPerPodPerSecond: 2, arrivals: [{at: 0s, rate: 4}, {at: 10m, rate: %s}]}
            """;

    @Test
    void writesTheSummaryAndTheHtmlReport() throws IOException {
        write("manifests.yaml", MANIFESTS.formatted("rabbitmq"));
        Path scenario = write("shop.yaml", SCENARIO.formatted("30m", "20"));
        Path other = write("other.yaml", SCENARIO.formatted("30m", "30"));
        Path report = dir.resolve("report");
        Path png = dir.resolve("chart.png");
        int code = run("simulate", scenario.toString(), "--out", report.toString(), "--compare", other.toString(), "--png", png.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("queue jobs: peak backlog", "cost", "scale events", "shop", "other",
                "report: " + report.resolve("index.html").toAbsolutePath());
        String html = Files.readString(report.resolve("index.html"));
        assertThat(html).contains("<h2>Summary</h2>", "Scale events", "shop vs other", "data:image/png;base64,");
        assertThat(html.split("<img ").length - 1).isEqualTo(4);
        assertThat(html).contains("deployment/worker", "nodepool/default");
        byte[] pngBytes = Files.readAllBytes(png);
        assertThat(pngBytes).startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    }

    @Test
    void aMissingManifestExitsNonZeroNamingFileAndField() throws IOException {
        Path scenario = write("s.yaml", SCENARIO.formatted("30m", "20"));
        assertThat(run("simulate", scenario.toString(), "--out", dir.resolve("r").toString())).isEqualTo(SimulateCommand.EXIT_BAD_SCENARIO);
        assertThat(err.toString()).contains(scenario.toString() + ": manifests[0]: file not found");
        assertThat(Files.exists(dir.resolve("r"))).isFalse();
    }

    @Test
    void aNegativeRateExitsNonZeroNamingFileAndField() throws IOException {
        write("manifests.yaml", MANIFESTS.formatted("rabbitmq"));
        Path scenario = write("s.yaml", SCENARIO.formatted("30m", "-1"));
        assertThat(run("simulate", scenario.toString())).isEqualTo(SimulateCommand.EXIT_BAD_SCENARIO);
        assertThat(err.toString()).contains(scenario + ": queues[0].arrivals[1].rate: must not be negative");
    }

    @Test
    void anUnknownTriggerTypeExitsNonZeroNamingTheManifestFileAndField() throws IOException {
        Path manifests = write("manifests.yaml", MANIFESTS.formatted("kafka"));
        Path scenario = write("s.yaml", SCENARIO.formatted("30m", "20"));
        assertThat(run("simulate", scenario.toString())).isEqualTo(SimulateCommand.EXIT_BAD_SCENARIO);
        assertThat(err.toString()).contains(manifests + ": document[1].spec.triggers[0].type: unknown trigger type 'kafka'");
    }

    @Test
    void aMisspeltManifestFieldExitsNonZeroWithADidYouMean() throws IOException {
        Path manifests = write("manifests.yaml", MANIFESTS.formatted("rabbitmq").replace("pollingInterval: 10", "minReplicaCont: 2"));
        Path scenario = write("s.yaml", SCENARIO.formatted("30m", "20"));
        assertThat(run("simulate", scenario.toString())).isEqualTo(SimulateCommand.EXIT_BAD_SCENARIO);
        assertThat(err.toString()).contains(manifests + ": document[1].spec.minReplicaCont: unknown field 'minReplicaCont'; "
                + "did you mean 'minReplicaCount'?");
    }

    @Test
    void aMisspeltScenarioFieldExitsNonZeroWithADidYouMean() throws IOException {
        write("manifests.yaml", MANIFESTS.formatted("rabbitmq"));
        Path scenario = write("s.yaml", SCENARIO.formatted("30m", "20").replace("messagesPerPodPerSecond", "messagesPerPodPerSec"));
        assertThat(run("simulate", scenario.toString())).isEqualTo(SimulateCommand.EXIT_BAD_SCENARIO);
        assertThat(err.toString()).contains(scenario + ": queues[0].messagesPerPodPerSec: unknown field 'messagesPerPodPerSec'; "
                + "did you mean 'messagesPerPodPerSecond'?");
    }

    @Test
    void aRabbitMqModeTheSimulatorDoesNotModelExitsNonZeroNamingTheModeField() throws IOException {
        Path manifests = write("manifests.yaml", MANIFESTS.formatted("rabbitmq").replace("mode: QueueLength", "mode: DeliverGetRate"));
        Path scenario = write("s.yaml", SCENARIO.formatted("30m", "20"));
        assertThat(run("simulate", scenario.toString())).isEqualTo(SimulateCommand.EXIT_BAD_SCENARIO);
        assertThat(err.toString()).contains(manifests + ": document[1].spec.triggers[0].metadata.mode: the simulator models QueueLength and "
                + "MessageRate only, not DeliverGetRate");
    }

    @Test
    void anUnparseableDurationExitsNonZeroNamingFileAndField() throws IOException {
        write("manifests.yaml", MANIFESTS.formatted("rabbitmq"));
        Path scenario = write("s.yaml", SCENARIO.formatted("5x", "20"));
        assertThat(run("simulate", scenario.toString())).isEqualTo(SimulateCommand.EXIT_BAD_SCENARIO);
        assertThat(err.toString()).contains(scenario + ": duration: '5x' is not a duration");
    }

    @Test
    void aReportDirectoryThatCannotBeWrittenIsAnError() throws IOException {
        write("manifests.yaml", MANIFESTS.formatted("rabbitmq"));
        Path scenario = write("s.yaml", SCENARIO.formatted("10m", "20"));
        Path blocker = write("blocker", "a file where the report directory should go");
        assertThat(run("simulate", scenario.toString(), "--out", blocker.toString())).isEqualTo(SimulateCommand.EXIT_CANNOT_WRITE);
        assertThat(err.toString()).contains("cannot write the report into " + blocker);
        assertThat(out.toString()).contains("queue jobs: peak backlog");
    }

    @Test
    void aBadCompareScenarioIsReportedToo() throws IOException {
        write("manifests.yaml", MANIFESTS.formatted("rabbitmq"));
        Path scenario = write("s.yaml", SCENARIO.formatted("30m", "20"));
        assertThat(run("simulate", scenario.toString(), "--compare", dir.resolve("missing.yaml").toString())).isEqualTo(2);
        assertThat(err.toString()).contains(dir.resolve("missing.yaml") + ": file not found\n");
    }
}
