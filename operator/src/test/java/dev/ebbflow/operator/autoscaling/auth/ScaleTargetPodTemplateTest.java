package dev.ebbflow.operator.autoscaling.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.keda.scaledobject.ScaleTargetRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ScaleTargetPodTemplateTest {

    static KubernetesClient mockClient;

    private static ScaleTargetRef target(String apiVersion, String kind, String name) {
        ScaleTargetRef ref = new ScaleTargetRef();
        if (apiVersion != null) {
            ref.setApiVersion(apiVersion);
        }
        if (kind != null) {
            ref.setKind(kind);
        }
        ref.setName(name);
        return ref;
    }

    @Test
    void readsADeploymentTemplate() {
        mockClient.apps().deployments().inNamespace("apps").resource(new DeploymentBuilder()
                .withNewMetadata().withName("worker").endMetadata()
                .withNewSpec().withReplicas(1).withNewTemplate().withNewSpec()
                .addNewContainer().withName("worker").withImage("worker:1")
                .addNewEnv().withName("RABBITMQ_URL").withValue("amqp://rabbit").endEnv().endContainer()
                .endSpec().endTemplate().endSpec().build()).create();

        Optional<PodTemplateSpec> template = ScaleTargetPodTemplate.fetch(mockClient, "apps", target(null, null, "worker"));

        assertThat(template).get().extracting(t -> t.getSpec().getContainers().get(0).getEnv().get(0).getValue())
                .isEqualTo("amqp://rabbit");
    }

    @Test
    void readsAStatefulSetTemplateThatResolvesFromEnvMetadata() throws Exception {
        mockClient.apps().statefulSets().inNamespace("apps").resource(new StatefulSetBuilder()
                .withNewMetadata().withName("consumer").endMetadata()
                .withNewSpec().withServiceName("consumer").withNewTemplate().withNewSpec()
                .addNewContainer().withName("init-like").withImage("busybox").endContainer()
                .addNewContainer().withName("consumer").withImage("consumer:1")
                .addNewEnv().withName("QUEUE").withValue("orders").endEnv().endContainer()
                .endSpec().endTemplate().endSpec().build()).create();

        PodTemplateSpec template = ScaleTargetPodTemplate.fetch(mockClient, "apps", target("apps/v1", "StatefulSet", "consumer")).orElseThrow();
        ResolvedEnv env = new TriggerAuthResolver(new ClientClusterState(mockClient), "ebbflow-system")
                .resolveMetadataFromEnv("apps", 0, Map.of("queueNameFromEnv", "QUEUE"), template, "consumer");

        assertThat(env.values()).containsEntry("queueName", "orders");
    }

    @Test
    void missingTargetIsEmpty() {
        assertThat(ScaleTargetPodTemplate.fetch(mockClient, "apps", target(null, null, "absent"))).isEmpty();
    }

    @Test
    void customResourceWithAndWithoutTemplate() {
        ResourceDefinitionContext context = new ResourceDefinitionContext.Builder()
                .withGroup("example.com").withVersion("v1").withKind("Worker").withPlural("workers").withNamespaced(true).build();
        mockClient.genericKubernetesResources(context).inNamespace("apps").resource(new GenericKubernetesResourceBuilder()
                .withApiVersion("example.com/v1").withKind("Worker").withNewMetadata().withName("with-template").endMetadata()
                .addToAdditionalProperties("spec", Map.of("template", Map.of("spec", Map.of("containers",
                        List.of(Map.of("name", "main", "env", List.of(Map.of("name", "MODE", "value", "batch"))))))))
                .build()).create();
        mockClient.genericKubernetesResources(context).inNamespace("apps").resource(new GenericKubernetesResourceBuilder()
                .withApiVersion("example.com/v1").withKind("Worker").withNewMetadata().withName("no-template").endMetadata()
                .addToAdditionalProperties("spec", Map.of("replicas", 1))
                .build()).create();

        PodTemplateSpec with = ScaleTargetPodTemplate.fetch(mockClient, "apps", target("example.com/v1", "Worker", "with-template")).orElseThrow();
        PodTemplateSpec without = ScaleTargetPodTemplate.fetch(mockClient, "apps", target("example.com/v1", "Worker", "no-template")).orElseThrow();

        assertThat(with.getSpec().getContainers().get(0).getEnv().get(0).getValue()).isEqualTo("batch");
        assertThat(without.getSpec()).isNull();
    }

    @Test
    void undiscoverableKindIsReadUnderItsConventionalPlural() {
        assertThat(ScaleTargetPodTemplate.fetch(mockClient, "apps", target("gadgets.example.org/v1alpha1", "Gizmo", "g"))).isEmpty();
    }

    @Test
    void templateOfToleratesOddShapes() {
        GenericKubernetesResource noSpec = new GenericKubernetesResource();
        GenericKubernetesResource stringTemplate = new GenericKubernetesResource();
        stringTemplate.setAdditionalProperty("spec", Map.of("template", "not-an-object"));

        assertThat(ScaleTargetPodTemplate.templateOf(noSpec)).isEqualTo(new PodTemplateSpec());
        assertThat(ScaleTargetPodTemplate.templateOf(stringTemplate)).isEqualTo(new PodTemplateSpec());
    }
}
