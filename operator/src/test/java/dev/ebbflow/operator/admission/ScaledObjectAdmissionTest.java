package dev.ebbflow.operator.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.operator.autoscaling.auth.InMemoryClusterState;
import dev.ebbflow.operator.autoscaling.auth.TriggerAuthResolver;
import dev.ebbflow.operator.autoscaling.controller.AuthenticatedTriggerParameters;
import dev.ebbflow.scalers.ScalerRegistry;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Each rule of ScaledObject admission, without a server: the registry of this build and trigger auth read from memory. */
class ScaledObjectAdmissionTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private static final ScalerRegistry REGISTRY = ScalerRegistry.loadInstalled();
    private static final String RABBIT = "{type: rabbitmq, name: %s, metadata: {queueName: %s, mode: QueueLength, value: '5', host: 'amqp://guest:guest@rabbit:5672/'}}";

    private final InMemoryClusterState state = new InMemoryClusterState();
    private final List<ScaledObject> scaledObjects = new ArrayList<>();
    private final List<HorizontalPodAutoscaler> hpas = new ArrayList<>();
    private final ScaledObjectAdmission admission = new ScaledObjectAdmission(REGISTRY,
            new AuthenticatedTriggerParameters((namespace, target) -> Optional.empty(), new TriggerAuthResolver(state, "ebbflow")),
            new ScaledObjectAdmission.Cluster() {
                @Override
                public List<ScaledObject> scaledObjects(String namespace) {
                    return scaledObjects;
                }

                @Override
                public List<HorizontalPodAutoscaler> horizontalPodAutoscalers(String namespace) {
                    return hpas;
                }

                @Override
                public Optional<io.fabric8.kubernetes.api.model.PodTemplateSpec> podTemplate(String namespace,
                        dev.ebbflow.crds.keda.scaledobject.ScaleTargetRef target) {
                    return Optional.ofNullable(template);
                }
            });
    private io.fabric8.kubernetes.api.model.PodTemplateSpec template;

    @AfterAll
    static void closeRegistry() {
        REGISTRY.close();
    }

    static ScaledObject so(String name, String spec) {
        return JSON.unmarshal("""
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: {name: %s, namespace: apps}
                spec:
                %s
                """.formatted(name, spec.indent(2)), ScaledObject.class);
    }

    static String rabbit(String name, String queue) {
        return RABBIT.formatted(name, queue);
    }

    private static String triggers(String... triggers) {
        return "triggers:\n" + String.join("", List.of(triggers).stream().map(t -> "- " + t + "\n").toList());
    }

    @Test
    void aValidScaledObjectIsAllowedWithoutWarnings() {
        Verdict verdict = admission.review(so("orders", "scaleTargetRef: {name: worker}\n" + triggers(rabbit("q", "orders"))));

        assertThat(verdict.allowed()).as(verdict.message()).isTrue();
        assertThat(verdict.warnings()).isEmpty();
    }

    @Test
    void minReplicaCountAboveMaxReplicaCountIsRefused() {
        Verdict verdict = admission.review(so("orders", "scaleTargetRef: {name: worker}\nminReplicaCount: 5\nmaxReplicaCount: 2\n" + triggers(rabbit("q", "orders"))));

        assertThat(verdict.denials()).singleElement().asString().startsWith("spec.minReplicaCount:").contains("maxReplicaCount (2)");
    }

    @Test
    void idleReplicaCountNotBelowMinReplicaCountIsRefused() {
        Verdict verdict = admission.review(so("orders", "scaleTargetRef: {name: worker}\nidleReplicaCount: 2\nminReplicaCount: 2\n" + triggers(rabbit("q", "orders"))));

        assertThat(verdict.denials()).singleElement().asString().startsWith("spec.idleReplicaCount:");
    }

    @Test
    void anIdleReplicaCountOtherThanZeroIsAWarning() {
        Verdict verdict = admission.review(so("orders", "scaleTargetRef: {name: worker}\nidleReplicaCount: 1\nminReplicaCount: 2\n" + triggers(rabbit("q", "orders"))));

        assertThat(verdict.allowed()).as(verdict.message()).isTrue();
        assertThat(verdict.warnings()).singleElement().asString().startsWith("spec.idleReplicaCount:").contains("only 0");
    }

    @Test
    void aFormulaThatDoesNotCompileIsRefused() {
        Verdict verdict = admission.review(so("orders", """
                scaleTargetRef: {name: worker}
                advanced:
                  scalingModifiers: {formula: "a + missing", target: "5"}
                """ + triggers(rabbit("a", "orders"))));

        assertThat(verdict.denials()).singleElement().asString().startsWith("spec.advanced.scalingModifiers.formula:").contains("missing");
    }

    @Test
    void fallbackNeedsAverageValueWithScalingModifiersAndIsAllowedWithHpaBehavior() {
        String common = """
                scaleTargetRef: {name: worker}
                fallback: {failureThreshold: 3, replicas: 4, behavior: currentReplicasIfHigher}
                advanced:
                  horizontalPodAutoscalerConfig:
                    behavior:
                      scaleDown: {stabilizationWindowSeconds: 60, policies: [{type: Percent, value: 50, periodSeconds: 15}]}
                """;
        Verdict value = admission.review(so("orders", common + "  scalingModifiers: {formula: 'a + b', target: '5', metricType: Value}\n"
                + triggers(rabbit("a", "orders"), rabbit("b", "invoices"))));
        Verdict averageValue = admission.review(so("orders", common + "  scalingModifiers: {formula: 'a + b', target: '5', metricType: AverageValue}\n"
                + triggers(rabbit("a", "orders"), rabbit("b", "invoices"))));

        assertThat(value.denials()).singleElement().asString().startsWith("spec.advanced.scalingModifiers.metricType:").contains("AverageValue");
        assertThat(averageValue.allowed()).as(averageValue.message()).isTrue();
    }

    @Test
    void utilizationIsRefusedForATriggerThatServesAnExternalMetric() {
        Verdict verdict = admission.review(so("orders", "scaleTargetRef: {name: worker}\n"
                + "triggers:\n- {type: rabbitmq, metricType: Utilization, metadata: {queueName: q, mode: QueueLength, value: '5', host: 'amqp://rabbit/'}}\n"));

        assertThat(verdict.denials()).singleElement().asString().startsWith("spec.triggers[0].metricType:").contains("Utilization")
                .contains("rabbitmq").contains("AverageValue");
    }

    @Test
    void metadataTheScalerCannotParseIsRefusedWithTheScalersOwnMessage() {
        Verdict verdict = admission.review(so("orders", "scaleTargetRef: {name: worker}\n"
                + "triggers:\n- {type: rabbitmq, metadata: {queueName: q, mode: Sideways, value: '5', host: 'amqp://rabbit/'}}\n"));

        assertThat(verdict.denials()).singleElement().asString().startsWith("spec.triggers[0].metadata").contains("Sideways");
    }

    @Test
    void anUnknownTriggerTypeIsRefused() {
        Verdict verdict = admission.review(so("orders", "scaleTargetRef: {name: worker}\ntriggers:\n- {type: kafka, metadata: {topic: t}}\n"));

        assertThat(verdict.denials()).singleElement().asString().startsWith("spec.triggers[0].type:").contains("unknown trigger type 'kafka'");
    }

    @Test
    void aMissingTriggerAuthenticationIsAWarningNotARefusal() {
        Verdict verdict = admission.review(so("orders", "scaleTargetRef: {name: worker}\n"
                + "triggers:\n- {type: rabbitmq, authenticationRef: {name: rabbit-auth}, metadata: {queueName: q, mode: QueueLength, value: '5'}}\n"));

        assertThat(verdict.allowed()).as(verdict.message()).isTrue();
        assertThat(verdict.warnings()).singleElement().asString().startsWith("spec.triggers[0].authenticationRef.name:")
                .contains("TriggerAuthentication 'rabbit-auth' not found in namespace 'apps'");
    }

    @Test
    void aNameThatMakesTheGeneratedHpaNameLongerThan63CharactersIsRefused() {
        String name = "n".repeat(55);
        Verdict tooLong = admission.review(so(name, "scaleTargetRef: {name: worker}\n" + triggers(rabbit("q", "orders"))));
        Verdict fits = admission.review(so(name.substring(1), "scaleTargetRef: {name: worker}\n" + triggers(rabbit("q", "orders"))));
        Verdict named = admission.review(so(name, "scaleTargetRef: {name: worker}\nadvanced: {horizontalPodAutoscalerConfig: {name: short}}\n"
                + triggers(rabbit("q", "orders"))));

        assertThat(tooLong.denials()).singleElement().asString().startsWith("metadata.name:").contains("'keda-hpa-" + name + "' 64 characters");
        assertThat(fits.allowed()).as(fits.message()).isTrue();
        assertThat(named.allowed()).as("the HPA's name is the one given").isTrue();
    }

    @Test
    void aWorkloadAlreadyScaledByAnotherScaledObjectIsRefused() {
        scaledObjects.add(so("first", "scaleTargetRef: {name: worker}\n" + triggers(rabbit("q", "orders"))));

        Verdict second = admission.review(so("second", "scaleTargetRef: {name: worker}\n" + triggers(rabbit("q", "orders"))));
        Verdict firstUpdated = admission.review(so("first", "scaleTargetRef: {name: worker}\nmaxReplicaCount: 7\n" + triggers(rabbit("q", "orders"))));

        assertThat(second.denials()).containsExactly("the workload 'worker' of type 'apps/Deployment' is already managed by the ScaledObject 'first'");
        assertThat(firstUpdated.allowed()).as("its own earlier version is no conflict").isTrue();
    }

    @Test
    void aCpuTriggerOnAWorkloadWithoutCpuRequestsIsRefused() {
        template = JSON.unmarshal("spec: {containers: [{name: app}]}", io.fabric8.kubernetes.api.model.PodTemplateSpec.class);

        Verdict verdict = admission.review(so("web", "scaleTargetRef: {name: web}\nminReplicaCount: 1\n"
                + "triggers:\n- {type: cpu, metricType: Utilization, metadata: {value: '60'}}\n"));

        assertThat(verdict.denials()).contains("spec.triggers[0]: the cpu trigger needs resources.requests.cpu on container 'app' of the scale target");
    }
}
