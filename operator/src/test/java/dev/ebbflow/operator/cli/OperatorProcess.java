package dev.ebbflow.operator.cli;

import dev.ebbflow.testkit.FreePorts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ebbflow run} as a separate JVM, as a Deployment runs it: started from this test JVM's class
 * path with KUBECONFIG in its environment, its output in {@code target/operator-processes/<name>.log}.
 */
public final class OperatorProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path log;
    private final int metricsPort;

    private OperatorProcess(String name, Process process, Path log, int metricsPort) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.metricsPort = metricsPort;
    }

    /**
     * Starts {@code ebbflow run} with {@code args}; {@code POD_NAME} is {@code name}. The ports
     * {@code args} do not give ({@code --metrics-port}, {@code --metrics-api-port}) are free ones.
     */
    public static OperatorProcess run(String name, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        int metricsPort = option(args, "--metrics-port=").map(Integer::parseInt).orElseGet(() -> {
            int port = freePort();
            command.add("--metrics-port=" + port);
            return port;
        });
        if (option(args, "--metrics-api-port=").isEmpty()) {
            command.add("--metrics-api-port=" + freePort());
        }
        command.addAll(List.of(args));
        return start(name, env, metricsPort, command);
    }

    private static java.util.Optional<String> option(String[] args, String prefix) {
        return java.util.Arrays.stream(args).filter(a -> a.startsWith(prefix)).findFirst().map(a -> a.substring(prefix.length()));
    }

    /** Starts the CLI with exactly {@code args} (e.g. to see how it fails). */
    public static OperatorProcess exec(String name, Map<String, String> env, String... args) {
        return start(name, env, -1, List.of(args));
    }

    private static OperatorProcess start(String name, Map<String, String> env, int metricsPort, List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // A short-lived test JVM: start fast rather than peak.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        if (metricsPort >= 0) {
            command.add("run");
        }
        command.addAll(args);
        try {
            Path dir = Files.createDirectories(Path.of("target", "operator-processes"));
            Path log = dir.resolve(name + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("POD_NAME", name);
            builder.environment().putAll(env);
            return new OperatorProcess(name, builder.start(), log, metricsPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    /** Everything the process wrote so far. */
    public String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GET of {@code path} on the metrics port; status 0 when nothing answers. */
    public Answer get(String path) {
        return get(metricsPort, path);
    }

    /** GET of {@code path} on a local operator's metrics port {@code port}; status 0 when nothing answers. */
    public static Answer get(int port, String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Answer(0, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Answer(int status, String body) {
    }

    /** The sum of every series of a Prometheus counter or gauge on /metrics (0 when absent). */
    public double metric(String name) {
        return get("/metrics").body().lines()
                .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** SIGTERM, as the kubelet sends on a rollout or drain. */
    public void terminate() {
        process.destroy();
    }

    /** SIGKILL: a crash, an OOM kill, a lost node. */
    public void kill() {
        process.destroyForcibly();
    }

    public Process process() {
        return process;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the exit; the exit code, or -1 when still running after {@code timeout}. */
    public int waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(10));
        }
    }

    public static int freePort() {
        return FreePorts.next();
    }
}
