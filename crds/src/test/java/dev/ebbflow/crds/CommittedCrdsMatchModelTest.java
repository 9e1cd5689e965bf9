package dev.ebbflow.crds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CRD YAML that users apply ({@code kubectl apply -f crds/}) is committed; the build generates
 * it again from the Java model. This fails when the two drift apart. To accept a model change, run
 * {@code mvn -pl crds test -Debbflow.crds.update=true} and commit the files it writes.
 */
class CommittedCrdsMatchModelTest {

    private static final Path GENERATED = Path.of("target/classes/META-INF/fabric8");
    private static final Path COMMITTED = Path.of(".");

    @Test
    void committedCrdsAreWhatTheModelGenerates() throws IOException {
        List<Path> generated = generatedCrds();
        assertThat(generated).as("CRDs generated from the model").isNotEmpty();
        boolean update = Boolean.getBoolean("ebbflow.crds.update");
        for (Path g : generated) {
            Path committed = COMMITTED.resolve(g.getFileName().toString());
            String expected = Files.readString(g);
            if (update) {
                Files.writeString(committed, expected);
            }
            assertThat(committed).as("committed " + committed.getFileName() + " (regenerate with -Debbflow.crds.update=true)").exists();
            assertThat(Files.readString(committed)).as(committed.getFileName() + " matches the model").isEqualTo(expected);
        }
        try (Stream<Path> files = Files.list(COMMITTED)) {
            List<String> stale = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith("-v1.yml"))
                    .filter(n -> generated.stream().noneMatch(g -> g.getFileName().toString().equals(n)))
                    .toList();
            assertThat(stale).as("committed CRDs no class generates any more").isEmpty();
        }
    }

    private static List<Path> generatedCrds() throws IOException {
        if (!Files.isDirectory(GENERATED)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(GENERATED)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-v1.yml")).sorted().toList();
        }
    }
}
