package dev.ebbflow.operator.helm;

import dev.ebbflow.testkit.RepositoryFiles;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The image recipe and the chart agree on who runs the operator and how. */
class OperatorImageTest {

    private static final List<String> DOCKERFILE = lines();

    @Test
    void imageIsAJavaSeventeenRuntime() {
        assertThat(instructions("FROM")).containsExactly("eclipse-temurin:17-jre");
    }

    @Test
    void imageRunsAsTheNonRootUserThePodSecurityContextNames() {
        List<String> users = instructions("USER");
        Deployment deployment = RenderedChart.defaults().only("Deployment", Deployment.class);
        long chartUser = deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser();

        assertThat(users).hasSize(1);
        String uid = users.get(0).split(":")[0];
        assertThat(uid).as("numeric, so runAsNonRoot can check it").matches("[0-9]+");
        assertThat(Long.parseLong(uid)).isNotZero().isEqualTo(chartUser);
    }

    @Test
    void imageRunsTheShadedOperatorJarOnTheChartsPorts() {
        String entrypoint = String.join(" ", instructions("ENTRYPOINT"));
        assertThat(entrypoint).contains("\"-jar\"", "ebbflow-operator.jar");
        assertThat(instructions("ARG")).containsExactly("JAR=operator/target/ebbflow.jar");
        assertThat(operatorPom()).as("the shade plugin names the jar the image copies").contains("<finalName>ebbflow</finalName>");
        assertThat(instructions("COPY")).anySatisfy(c -> assertThat(c).contains("${JAR} /opt/ebbflow/ebbflow-operator.jar"));
        assertThat(instructions("EXPOSE")).containsExactly("6443 8080 9443");
        assertThat(RenderedChart.defaults().only("Deployment", Deployment.class).getSpec().getTemplate().getSpec()
                .getContainers().get(0).getPorts()).extracting(p -> p.getContainerPort()).containsExactlyInAnyOrder(6443, 8080, 9443);
    }

    private static String operatorPom() {
        try {
            return Files.readString(RepositoryFiles.directory("operator").resolve("pom.xml"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> instructions(String keyword) {
        return DOCKERFILE.stream()
                .filter(l -> l.startsWith(keyword + " "))
                .map(l -> l.substring(keyword.length() + 1).strip())
                .toList();
    }

    private static List<String> lines() {
        try {
            return Files.readAllLines(RepositoryFiles.directory("operator/src/main/docker").resolve("Dockerfile")).stream()
                    .map(String::strip)
                    .filter(l -> !l.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
