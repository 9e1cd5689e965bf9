package dev.ebbflow.operator.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.testkit.RepositoryFiles;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example a user can `kubectl apply -f` parses, uses known kinds and is self-consistent. */
class ExamplesTest {

    private static final Path EXAMPLES = RepositoryFiles.directory("examples");
    private static final Path RABBITMQ = EXAMPLES.resolve("rabbitmq");
    private static final Path CI_AGENT = EXAMPLES.resolve("scaledjob-ci-agent");

    static Stream<Path> exampleFiles() {
        return ExampleManifests.files(EXAMPLES).stream();
    }

    static Stream<Path> exampleFolders() {
        return ExampleManifests.byExample(EXAMPLES).keySet().stream();
    }

    @Test
    void examplesExistAndSkipTheSimulatorScenarios() {
        assertThat(ExampleManifests.files(EXAMPLES)).isNotEmpty()
                .noneMatch(p -> p.startsWith(EXAMPLES.resolve("simulations")));
        assertThat(ExampleManifests.byExample(EXAMPLES)).containsKey(RABBITMQ).containsKey(CI_AGENT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exampleFiles")
    void everyDocumentIsAKnownKindWithAName(Path file) {
        List<GenericKubernetesResource> objects = ExampleManifests.parse(file);

        assertThat(objects).as(file.toString()).isNotEmpty().allSatisfy(o -> {
            assertThat(ExampleReferences.KNOWN_KINDS).as("apiVersion of %s", o.getKind()).containsKey(o.getApiVersion());
            assertThat(ExampleReferences.KNOWN_KINDS.get(o.getApiVersion())).as("kind in %s", o.getApiVersion()).contains(o.getKind());
            assertThat(o.getMetadata().getName()).as("metadata.name of a %s", o.getKind()).isNotBlank();
            assertThat(o.getMetadata().getNamespace()).as("%s %s: no hard-coded namespace, so `kubectl apply -n` works",
                    o.getKind(), o.getMetadata().getName()).isNull();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exampleFolders")
    void everyReferenceResolvesWithinTheExample(Path folder) {
        assertThat(ExampleReferences.problems(ExampleManifests.byExample(EXAMPLES).get(folder))).isEmpty();
    }

    @Test
    void rabbitmqExampleHasTheFourPieces() {
        List<GenericKubernetesResource> objects = ExampleManifests.byExample(EXAMPLES).get(RABBITMQ);

        assertThat(objects).extracting(o -> o.getApiVersion() + " " + o.getKind()).containsExactlyInAnyOrder(
                "apps/v1 Deployment", "v1 Secret", "keda.sh/v1alpha1 TriggerAuthentication", "keda.sh/v1alpha1 ScaledObject");
    }

    @Test
    void rabbitmqScaledObjectScalesOnTheOrdersQueueLength() {
        GenericKubernetesResource so = only(RABBITMQ, "ScaledObject");
        List<Map<String, Object>> triggers = so.get("spec", "triggers");

        assertThat(triggers).hasSize(1);
        assertThat(triggers.get(0)).containsEntry("type", "rabbitmq");
        assertThat(GenericKubernetesResource.<Map<String, Object>>get(triggers.get(0), "metadata"))
                .containsEntry("queueName", "orders")
                .containsEntry("mode", "QueueLength")
                .containsEntry("value", "10")
                .as("the broker URL comes from the TriggerAuthentication, never inline").doesNotContainKey("host");
        assertThat(GenericKubernetesResource.<String>get(triggers.get(0), "authenticationRef", "name"))
                .isEqualTo(only(RABBITMQ, "TriggerAuthentication").getMetadata().getName());
        assertThat(so.<String>get("spec", "scaleTargetRef", "name")).isEqualTo(only(RABBITMQ, "Deployment").getMetadata().getName());
    }

    @Test
    void rabbitmqTriggerAuthenticationPassesTheSecretAsHost() {
        List<Map<String, Object>> refs = only(RABBITMQ, "TriggerAuthentication").get("spec", "secretTargetRef");
        GenericKubernetesResource secret = only(RABBITMQ, "Secret");
        Map<String, Object> stringData = secret.get("stringData");

        assertThat(refs).hasSize(1);
        assertThat(refs.get(0)).containsEntry("parameter", "host").containsEntry("name", secret.getMetadata().getName());
        String url = String.valueOf(stringData.get(String.valueOf(refs.get(0).get("key"))));
        assertThat(URI.create(url).getScheme()).isEqualTo("amqp");
        assertThat(URI.create(url).getHost()).isNotBlank();
    }

    @Test
    void rabbitmqWorkerRequestsResourcesAndLeavesReplicasToEbbflow() {
        Deployment deployment = new KubernetesSerialization().convertValue(only(RABBITMQ, "Deployment"), Deployment.class);

        assertThat(deployment.getSpec().getReplicas()).as("re-applying must not reset the scaled count").isNull();
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers()).isNotEmpty().allSatisfy(c -> {
            Map<String, Quantity> requests = c.getResources().getRequests();
            assertThat(requests).containsKeys("cpu", "memory");
            assertThat(c.getImage()).as("a pinned public image").matches("[a-z0-9./-]+:[0-9][0-9A-Za-z.-]*");
        });
    }

    @Test
    void ciAgentExampleHasTheThreePieces() {
        assertThat(ExampleManifests.byExample(EXAMPLES).get(CI_AGENT)).extracting(o -> o.getApiVersion() + " " + o.getKind())
                .containsExactlyInAnyOrder("v1 Secret", "keda.sh/v1alpha1 TriggerAuthentication", "keda.sh/v1alpha1 ScaledJob");
    }

    @Test
    void ciAgentScaledJobRunsOneJobPerQueuedBuild() {
        GenericKubernetesResource sj = only(CI_AGENT, "ScaledJob");
        List<Map<String, Object>> triggers = sj.get("spec", "triggers");

        assertThat(triggers).singleElement().satisfies(t -> {
            assertThat(t).containsEntry("type", "rabbitmq");
            assertThat(GenericKubernetesResource.<Map<String, Object>>get(t, "metadata"))
                    .containsEntry("queueName", "builds")
                    .containsEntry("mode", "QueueLength")
                    .containsEntry("value", "1")
                    .as("the broker URL comes from the TriggerAuthentication, never inline").doesNotContainKey("host");
            assertThat(GenericKubernetesResource.<String>get(t, "authenticationRef", "name"))
                    .isEqualTo(only(CI_AGENT, "TriggerAuthentication").getMetadata().getName());
        });
        JobSpec job = new KubernetesSerialization().convertValue(sj.<Map<String, Object>>get("spec", "jobTargetRef"), JobSpec.class);
        assertThat(job.getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(job.getTemplate().getSpec().getContainers()).isNotEmpty().allSatisfy(c -> {
            assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
            assertThat(c.getImage()).as("a pinned public image").matches("[a-z0-9./-]+:[0-9][0-9A-Za-z.-]*");
        });
    }

    private static GenericKubernetesResource only(Path example, String kind) {
        List<GenericKubernetesResource> found = ExampleManifests.byExample(EXAMPLES).get(example).stream()
                .filter(o -> kind.equals(o.getKind())).toList();
        assertThat(found).as("%s in %s", kind, example).hasSize(1);
        return found.get(0);
    }
}
