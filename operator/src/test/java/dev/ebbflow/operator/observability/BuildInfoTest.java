package dev.ebbflow.operator.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BuildInfoTest {
    @Test
    void theBuildRecordsTheProjectVersionAndTheCheckedOutCommit() throws Exception {
        BuildInfo build = BuildInfo.current();

        assertThat(build.version()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(build.gitCommit()).isEqualTo(gitHead());
    }

    @Test
    void missingOrBlankValuesReadAsUnknown() throws Exception {
        BuildInfo parsed = BuildInfo.parse(new ByteArrayInputStream("version=1.2.3\ncommit=\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(parsed).isEqualTo(new BuildInfo("1.2.3", "unknown"));
        assertThat(new BuildInfo(null, " ")).isEqualTo(new BuildInfo("unknown", "unknown"));
    }

    @Test
    void exposesEbbflowBuildInfo() throws Exception {
        try (ScrapedMetrics endpoint = new ScrapedMetrics()) {
            new BuildInfo("1.2.3", "0123abcd").register(endpoint.registry);
            assertThat(ScrapedMetrics.samples(endpoint.scrape())).filteredOn(s -> s.name().equals("ebbflow_build_info")).singleElement()
                    .satisfies(s -> {
                        assertThat(s.labels()).containsAllEntriesOf(Map.of("version", "1.2.3", "git_commit", "0123abcd"))
                                .containsKeys("java_version", "os", "arch");
                        assertThat(s.value()).isEqualTo(1.0);
                    });
        }
    }

    /** What git says the checkout's HEAD is, or "unknown" where git cannot tell (as the build does). */
    private static String gitHead() throws Exception {
        Path operatorModule = Path.of("").toAbsolutePath();
        try {
            Process git = new ProcessBuilder("git", "-C", operatorModule.toString(), "rev-parse", "HEAD").redirectErrorStream(false).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.waitFor(30, TimeUnit.SECONDS) && git.exitValue() == 0 ? out : BuildInfo.UNKNOWN;
        } catch (java.io.IOException noGit) {
            return BuildInfo.UNKNOWN;
        }
    }
}
