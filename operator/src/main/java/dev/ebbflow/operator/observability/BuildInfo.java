package dev.ebbflow.operator.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Properties;

/**
 * The version and the git commit this operator was built from, as the build wrote them into
 * {@code build-info.properties} (operator/pom.xml). A class path without that file (classes compiled by
 * an IDE, not Maven) reads as {@code unknown}, and so does a build made outside a git checkout: the
 * metric says it does not know rather than inventing a value.
 */
public record BuildInfo(String version, String gitCommit) {
    public static final String UNKNOWN = "unknown";
    static final String RESOURCE = "build-info.properties";

    public BuildInfo {
        version = blankToUnknown(version);
        gitCommit = blankToUnknown(gitCommit);
    }

    /** What the build recorded on this class path. */
    public static BuildInfo current() {
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            return in == null ? new BuildInfo(null, null) : parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE, e);
        }
    }

    static BuildInfo parse(InputStream in) throws IOException {
        Properties p = new Properties();
        p.load(in);
        return new BuildInfo(p.getProperty("version"), p.getProperty("commit"));
    }

    /** {@code ebbflow_build_info}: constant 1, labelled with the version, the commit and the Java runtime. */
    public void register(MeterRegistry registry) {
        Gauge.builder("ebbflow.build.info", () -> 1)
                .description("A metric with a constant '1' value labeled by the version and git commit Ebbflow was built from, and the Java runtime.")
                .tags("version", version, "git_commit", gitCommit, "java_version", Runtime.version().toString(),
                        "os", System.getProperty("os.name", "").toLowerCase(Locale.ROOT), "arch", architecture())
                .register(registry);
    }

    /** Go's names for the common architectures, which KEDA's {@code goarch} label carries. */
    static String architecture() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
    }

    private static String blankToUnknown(String s) {
        return s == null || s.isBlank() ? UNKNOWN : s.trim();
    }
}
