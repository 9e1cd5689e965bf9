package dev.ebbflow.operator.simulate.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioLoaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: worker}
            spec:
              template:
                spec:
                  containers: [{name: w, image: w, resources: {requests: {cpu: 100m}}}]
            """;

    @Test
    void readsEveryPartOfAScenario() throws IOException {
        write("m/worker.yaml", DEPLOYMENT + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra}\n");
        write("trace.csv", "timestamp,rate\n0,5\n10m,7\n");
        Path s = write("s.yaml", """
                name: demo
                duration: 1h
                step: 2s
                seed: 9
                manifests: [m/worker.yaml]
                objects:
                  - {apiVersion: v1, kind: Node, metadata: {name: n1}}
                cluster: {podStartupTime: 30s, nodeBootTime: 1m}
                queues:
                  - name: q1
                    consumer: worker
                    messagesPerPodPerSecond: 2.5
                    arrivalNoise: none
                    arrivals:
                      - {at: 0s, rate: 10}
                      - {at: 30m, rate: 10, rampTo: 20}
                  - name: q2
                    consumer: other/worker
                    messagesPerPodPerSecond: 1
                    podStartupTime: 5s
                    producers:
                      - csv: trace.csv
                      - arrivals: [{rate: 1}]
                """);
        Scenario sc = new ScenarioLoader().load(s);
        assertThat(sc.name()).isEqualTo("demo");
        assertThat(sc.duration()).isEqualTo(Duration.ofHours(1));
        assertThat(sc.step()).isEqualTo(Duration.ofSeconds(2));
        assertThat(sc.seed()).isEqualTo(9);
        assertThat(sc.manifests()).extracting(Manifest::kind).containsExactly("Deployment", "ConfigMap", "Node");
        assertThat(sc.nodeBootTime()).contains(Duration.ofMinutes(1));
        QueueSpec q1 = sc.queues().get(0);
        assertThat(q1.poisson()).isFalse();
        assertThat(q1.podStartupTime()).isEqualTo(Duration.ofSeconds(30));
        // 10/s for 30 minutes, then a ramp from 10 to 20 over the last 30 minutes: average 15/s.
        assertThat(q1.trace().messages(0, 3_600_000)).isCloseTo(10 * 1800 + 15 * 1800, org.assertj.core.data.Offset.offset(1e-6));
        QueueSpec q2 = sc.queues().get(1);
        assertThat(q2.consumerNamespace()).isEqualTo("other");
        assertThat(q2.podStartupTime()).isEqualTo(Duration.ofSeconds(5));
        assertThat(q2.poisson()).isTrue();
        assertThat(q2.trace().rateAt(0)).isEqualTo(6);
        assertThat(q2.trace().rateAt(11 * 60_000)).isEqualTo(8);
        // Charts keep about 1440 samples whatever the duration, on whole steps.
        assertThat(sc.sampleEvery().toMillis() % sc.step().toMillis()).isZero();
    }

    @Test
    void aMissingManifestFileNamesTheScenarioAndTheField() throws IOException {
        Path s = write("s.yaml", "duration: 1h\nmanifests: [ok.yaml, missing.yaml]\n");
        write("ok.yaml", DEPLOYMENT);
        assertThatThrownBy(() -> new ScenarioLoader().load(s))
                .isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith(s + ": manifests[1]: file not found")
                .satisfies(e -> assertThat(((ScenarioException) e).field()).isEqualTo("manifests[1]"));
    }

    @Test
    void aNegativeRateNamesItsField() throws IOException {
        Path s = write("s.yaml", """
                duration: 1h
                queues:
                  - {name: q, consumer: w, messagesPerPodPerSecond: 1, arrivals: [{at: 0s, rate: 5}, {at: 5m, rate: -3}]}
                """);
        assertThatThrownBy(() -> new ScenarioLoader().load(s))
                .hasMessage(s + ": queues[0].arrivals[1].rate: must not be negative, got -3");
    }

    @Test
    void aNegativeRateInACsvNamesTheCsvFileAndLine() throws IOException {
        Path csv = write("t.csv", "0,1\n60,-2\n");
        Path s = write("s.yaml", "duration: 1h\nqueues:\n  - {name: q, consumer: w, messagesPerPodPerSecond: 1, csv: t.csv}\n");
        assertThatThrownBy(() -> new ScenarioLoader().load(s))
                .hasMessage(csv + ": line 2 rate: must not be negative, got -2");
    }

    @Test
    void anUnparseableDurationNamesItsField() throws IOException {
        Path s = write("s.yaml", "duration: 5x\n");
        assertThatThrownBy(() -> new ScenarioLoader().load(s))
                .hasMessageStartingWith(s + ": duration: '5x' is not a duration");
        Path s2 = write("s2.yaml", "duration: 1h\ncluster: {nodeBootTime: soon}\n");
        assertThatThrownBy(() -> new ScenarioLoader().load(s2))
                .hasMessageStartingWith(s2 + ": cluster.nodeBootTime: 'soon' is not a duration");
    }

    @Test
    void otherBadValuesNameTheirFields() throws IOException {
        assertThatThrownBy(() -> new ScenarioLoader().load(write("a.yaml", "step: 1s\n")))
                .hasMessageEndingWith("a.yaml: duration: is required");
        assertThatThrownBy(() -> new ScenarioLoader().load(write("b.yaml", "duration: 1m\nstep: 2m\n")))
                .hasMessageContaining("b.yaml: step: must not be longer than duration");
        assertThatThrownBy(() -> new ScenarioLoader().load(write("c.yaml",
                "duration: 1m\nqueues: [{name: q, consumer: w, messagesPerPodPerSecond: 0, arrivals: [{rate: 1}]}]\n")))
                .hasMessageContaining("c.yaml: queues[0].messagesPerPodPerSecond: must be greater than 0");
        assertThatThrownBy(() -> new ScenarioLoader().load(write("d.yaml",
                "duration: 1m\nqueues: [{name: q, consumer: w, messagesPerPodPerSecond: 1}]\n")))
                .hasMessageContaining("d.yaml: queues[0]: needs exactly one of 'arrivals'");
        assertThatThrownBy(() -> new ScenarioLoader().load(write("e.yaml",
                "duration: 1m\nqueues: [{name: q, consumer: w, messagesPerPodPerSecond: 1, arrivals: [{at: 1m, rate: 1}, {at: 30s, rate: 2}]}]\n")))
                .hasMessageContaining("e.yaml: queues[0].arrivals[1].at: must be later than the previous entry's 'at'");
        assertThatThrownBy(() -> new ScenarioLoader().load(write("f.yaml", "duration: 1m\nobjects: [{kind: Deployment}]\n")))
                .hasMessageContaining("f.yaml: objects[0].apiVersion: is required");
    }

    @Test
    void unreadableFilesSayWhyWithTheLineWhereItHelps() throws IOException {
        assertThatThrownBy(() -> new ScenarioLoader().load(dir.resolve("nope.yaml")))
                .hasMessage(dir.resolve("nope.yaml") + ": file not found");
        assertThatThrownBy(() -> new ScenarioLoader().load(write("g.yaml", "name: x\nduration: 1h\nqueues:\n  - name: q\n   consumer: w\n")))
                .hasMessageMatching(".*g\\.yaml: line 5, column \\d+: not valid YAML: .+");
        Path binary = dir.resolve("b.yaml");
        Files.write(binary, new byte[] {'d', ':', ' ', 1, 0, 2, 3});
        assertThatThrownBy(() -> new ScenarioLoader().load(binary))
                .hasMessage(binary + ": a binary file (a NUL byte at offset 4), not text");
        Path latin1 = dir.resolve("l.yaml");
        Files.write(latin1, "duration: 1h\nname: caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> new ScenarioLoader().load(latin1))
                .hasMessage(latin1 + ": line 2: not UTF-8 text (byte 0xe9 at offset 22); save it as UTF-8");
        write("m.yaml", DEPLOYMENT + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: [x}\n");
        Path s = write("s2.yaml", "duration: 1m\nmanifests: [m.yaml]\n");
        assertThatThrownBy(() -> new ScenarioLoader().load(s))
                .hasMessageEndingWith("m.yaml: line 11, column 20: not valid YAML: while parsing a flow sequence: expected ',' or ']', but got }");
    }
}
