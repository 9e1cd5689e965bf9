package dev.ebbflow.operator.observability;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import dev.ebbflow.operator.health.Health;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A registry served by a real {@link ObservabilityServer}, and a reader of the Prometheus text it serves. */
final class ScrapedMetrics implements AutoCloseable {
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Vertx vertx = Vertx.vertx();
    final ObservabilityServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    ScrapedMetrics(BooleanSupplier live, BooleanSupplier ready) {
        server = new ObservabilityServer(vertx, "127.0.0.1", 0, registry, () -> asHealth(live, "not live"), () -> asHealth(ready, "not ready"),
                () -> asHealth(ready, "not ready"));
        server.start();
    }

    ScrapedMetrics() {
        this(() -> true, () -> true);
    }

    HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    String scrape() throws Exception {
        HttpResponse<String> response = get("/metrics");
        if (response.statusCode() != 200) {
            throw new AssertionError("/metrics answered " + response.statusCode());
        }
        return response.body();
    }

    static List<Sample> samples(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line.trim());
            if (!m.matches()) {
                throw new AssertionError("not a Prometheus sample line: " + line);
            }
            Map<String, String> labels = new TreeMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
        }
        return samples;
    }

    /** The value of the sample with exactly this name and exactly these labels, if present. */
    static OptionalDouble value(String text, String name, Map<String, String> labels) {
        return samples(text).stream()
                .filter(s -> s.name().equals(name) && s.labels().equals(new TreeMap<>(labels)))
                .mapToDouble(Sample::value)
                .findFirst();
    }

    static long count(String text, String name) {
        return samples(text).stream().filter(s -> s.name().equals(name)).count();
    }

    @Override
    public void close() {
        server.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private static Health asHealth(BooleanSupplier check, String problem) {
        return check.getAsBoolean() ? Health.OK : new Health(java.util.List.of(problem));
    }
}
