package dev.ebbflow.operator.simulate.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a scenario file and everything it references (manifest files, CSV traces) into a
 * {@link Scenario}, checking every value; the first problem found is thrown as a
 * {@link ScenarioException} naming its file and field.
 */
public final class ScenarioLoader {

    static final Duration DEFAULT_STEP = Duration.ofSeconds(1);
    static final Duration DEFAULT_POD_STARTUP = Duration.ofSeconds(10);
    /** Charts and series keep at most about this many points, whatever the duration. */
    static final int TARGET_SAMPLES = 1440;

    public Scenario load(Path file) {
        Path scenarioFile = file.normalize();
        Field root = Field.root(scenarioFile, readSingleDocument(scenarioFile));
        if (!root.node().isObject()) {
            throw root.error("a scenario must be a YAML mapping");
        }
        rejectUnknownFields(root, ScenarioFormat.class);
        Duration duration = root.get("duration").positiveDuration();
        Duration step = root.get("step").present() ? root.get("step").positiveDuration() : DEFAULT_STEP;
        if (step.compareTo(duration) > 0) {
            throw root.get("step").error("must not be longer than duration (" + Durations.format(duration) + ")");
        }
        long seed = root.get("seed").integerOr(1);
        Duration sampleEvery = root.get("sampleEvery").present() ? root.get("sampleEvery").positiveDuration() : autoSample(duration, step);
        if (sampleEvery.toMillis() % step.toMillis() != 0) {
            throw root.get("sampleEvery").error("must be a multiple of step (" + Durations.format(step) + ")");
        }
        Field cluster = root.get("cluster");
        Duration podStartup = cluster.get("podStartupTime").durationOr(DEFAULT_POD_STARTUP);
        Optional<Duration> nodeBoot = cluster.get("nodeBootTime").present() ? Optional.of(cluster.get("nodeBootTime").duration()) : Optional.empty();
        Optional<Path> catalog = root.get("catalog").optionalText().map(p -> existing(root.get("catalog"), resolve(scenarioFile, p)));

        List<Manifest> manifests = new ArrayList<>();
        for (Field ref : root.get("manifests").items()) {
            manifests.addAll(readManifests(ref, resolve(scenarioFile, ref.text())));
        }
        for (Field inline : root.get("objects").items()) {
            manifests.add(checkedManifest(inline));
        }
        List<QueueSpec> queues = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Field q : root.get("queues").items()) {
            QueueSpec spec = queue(q, scenarioFile, duration, podStartup);
            if (!names.add(spec.name())) {
                throw q.get("name").error("queue '" + spec.name() + "' is declared twice");
            }
            queues.add(spec);
        }
        List<Scenario.Change> changes = new ArrayList<>();
        for (Field c : root.get("changes").items()) {
            changes.add(change(c, scenarioFile, duration));
        }
        changes.sort(java.util.Comparator.comparing(Scenario.Change::at));
        String name = root.get("name").optionalText().orElse(stem(scenarioFile));
        return new Scenario(scenarioFile, name, duration, step, seed, sampleEvery, manifests, queues, podStartup, nodeBoot, catalog, changes);
    }

    /** Only NodePools change during a run: what drift compares its nodes with. */
    private Scenario.Change change(Field c, Path scenarioFile, Duration duration) {
        Duration at = c.get("at").duration();
        if (at.compareTo(duration) >= 0) {
            throw c.get("at").error("must be earlier than duration (" + Durations.format(duration) + ")");
        }
        List<Manifest> manifests = new ArrayList<>();
        for (Field ref : c.get("manifests").items()) {
            manifests.addAll(readManifests(ref, resolve(scenarioFile, ref.text())));
        }
        for (Field inline : c.get("objects").items()) {
            manifests.add(checkedManifest(inline));
        }
        if (manifests.isEmpty()) {
            throw c.error("needs 'manifests' (files) or 'objects' (inline) holding the NodePools applied at 'at'");
        }
        for (Manifest m : manifests) {
            if (!m.is("karpenter.sh", "NodePool")) {
                throw m.field("kind").error("only NodePools can change during a run, got " + m.kind());
            }
        }
        return new Scenario.Change(at, manifests, c);
    }

    private static Duration autoSample(Duration duration, Duration step) {
        long stepMs = step.toMillis();
        long wanted = Math.max(stepMs, duration.toMillis() / TARGET_SAMPLES);
        return Duration.ofMillis(Math.max(1, (wanted + stepMs - 1) / stepMs) * stepMs);
    }

    private QueueSpec queue(Field q, Path scenarioFile, Duration duration, Duration defaultStartup) {
        String name = q.get("name").text();
        String consumerRef = q.get("consumer").text();
        String ns = "default";
        String consumer = consumerRef;
        if (consumerRef.contains("/")) {
            ns = consumerRef.substring(0, consumerRef.indexOf('/'));
            consumer = consumerRef.substring(consumerRef.indexOf('/') + 1);
        }
        double perPod = q.get("messagesPerPodPerSecond").positive();
        Duration startup = q.get("podStartupTime").durationOr(defaultStartup);
        double backlog = q.get("initialBacklog").nonNegativeOr(0);
        boolean poisson = switch (q.get("arrivalNoise").optionalText().orElse("poisson")) {
            case "poisson" -> true;
            case "none" -> false;
            default -> throw q.get("arrivalNoise").error("must be 'poisson' or 'none', got '" + q.get("arrivalNoise").text() + "'");
        };
        long durationMs = duration.toMillis();
        List<List<RateSegment>> producers = new ArrayList<>();
        if (q.get("producers").present()) {
            for (Field p : q.get("producers").items()) {
                producers.add(producer(p, scenarioFile, durationMs));
            }
        } else {
            producers.add(producer(q, scenarioFile, durationMs));
        }
        return new QueueSpec(name, ns, consumer, perPod, startup, backlog, poisson, new ArrivalTrace(producers), q);
    }

    private List<RateSegment> producer(Field p, Path scenarioFile, long durationMs) {
        p.get("name").optionalText();
        boolean hasArrivals = p.get("arrivals").present();
        boolean hasCsv = p.get("csv").present();
        if (hasArrivals == hasCsv) {
            throw p.error("needs exactly one of 'arrivals' (a list of rates) or 'csv' (a file of timestamp,rate), or a list of 'producers'");
        }
        if (hasCsv) {
            boolean linear = switch (p.get("interpolate").optionalText().orElse("step")) {
                case "step" -> false;
                case "linear" -> true;
                default -> throw p.get("interpolate").error("must be 'step' or 'linear'");
            };
            Path csv = existing(p.get("csv"), resolve(scenarioFile, p.get("csv").text()));
            return new CsvTraceReader().read(csv, durationMs, linear);
        }
        List<Field> items = p.get("arrivals").items();
        if (items.isEmpty()) {
            throw p.get("arrivals").error("must hold at least one rate");
        }
        List<long[]> starts = new ArrayList<>();
        long previous = -1;
        for (Field item : items) {
            long at = item.get("at").durationOr(Duration.ZERO).toMillis();
            if (at <= previous) {
                throw item.get("at").error("must be later than the previous entry's 'at'");
            }
            previous = at;
            starts.add(new long[] {at});
        }
        List<RateSegment> segments = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Field item = items.get(i);
            long start = starts.get(i)[0];
            long end = i + 1 < items.size() ? starts.get(i + 1)[0] : Math.max(durationMs, start);
            double rate = item.get("rate").nonNegative();
            double to = item.get("rampTo").present() ? item.get("rampTo").nonNegative() : rate;
            segments.add(new RateSegment(start, end, rate, to));
        }
        return segments;
    }

    private List<Manifest> readManifests(Field ref, Path file) {
        existing(ref, file);
        List<JsonNode> docs = nonEmpty(SourceText.yamlDocuments(file));
        List<Manifest> out = new ArrayList<>();
        for (int index = 0; index < docs.size(); index++) {
            // Fields inside a referenced file are named from its own root, as kubectl would.
            Field f = new Field(file, docs.size() == 1 ? "" : "document[" + index + "]", docs.get(index));
            out.add(checkedManifest(f));
        }
        return out;
    }

    private static Manifest checkedManifest(Field f) {
        if (!f.node().isObject()) {
            throw f.error("a manifest must be a mapping");
        }
        f.get("apiVersion").text();
        f.get("kind").text();
        f.get("metadata").get("name").text();
        ManifestTypes.of(f.get("apiVersion").text(), f.get("kind").text()).ifPresent(type -> rejectUnknownFields(f, type));
        return new Manifest(f);
    }

    /** As the API server's strict field validation: a misspelt field is an error, not silently dropped. */
    private static void rejectUnknownFields(Field f, Class<?> type) {
        KnownFields.firstUnknown(f.node(), type).ifPresent(unknown -> {
            throw new ScenarioException(f.file(), f.path().isEmpty() ? unknown.path() : f.path() + "." + unknown.path(), unknown.problem());
        });
    }

    private static JsonNode readSingleDocument(Path file) {
        List<JsonNode> docs = nonEmpty(SourceText.yamlDocuments(file));
        if (docs.size() > 1) {
            throw new ScenarioException(file, "", "a scenario is one YAML document, this file holds " + docs.size());
        }
        return docs.isEmpty() ? null : docs.get(0);
    }

    private static List<JsonNode> nonEmpty(List<JsonNode> docs) {
        return docs.stream().filter(d -> d != null && !d.isNull() && !d.isMissingNode() && !(d.isContainerNode() && d.isEmpty())).toList();
    }

    private static Path resolve(Path scenarioFile, String ref) {
        Path dir = scenarioFile.toAbsolutePath().getParent();
        return dir.resolve(ref).normalize();
    }

    private static Path existing(Field ref, Path file) {
        if (!Files.isRegularFile(file)) {
            throw ref.error("file not found: " + file);
        }
        return file;
    }

    private static String stem(Path file) {
        String n = file.getFileName().toString();
        return n.contains(".") ? n.substring(0, n.lastIndexOf('.')) : n;
    }
}
