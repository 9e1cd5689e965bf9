package dev.ebbflow.crds.keda;

import static dev.ebbflow.crds.keda.KedaCrdsTest.crd;
import static dev.ebbflow.crds.keda.KedaCrdsTest.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the CEL rules of the committed CRDs against specs KEDA accepts and specs KEDA rejects, so a
 * rule that compiles but says the wrong thing fails here rather than in a user's cluster.
 */
class KedaCelRulesTest {

    private static CelRule minNotAboveMax;
    private static CelRule idleBelowMin;
    private static CelRule triggersNotEmpty;
    private static List<CelRule> fallbackRules;
    private static CelRule jobTemplateRequired;

    @BeforeAll
    static void loadRules() throws IOException {
        JSONSchemaProps so = spec(crd("scaledobjects"));
        minNotAboveMax = rule(so.getXKubernetesValidations(), "spec.minReplicaCount must be less than or equal to spec.maxReplicaCount");
        idleBelowMin = rule(so.getXKubernetesValidations(), "spec.idleReplicaCount must be less than spec.minReplicaCount");
        triggersNotEmpty = rule(so.getProperties().get("triggers").getXKubernetesValidations(), "spec.triggers must list at least one trigger");
        fallbackRules = so.getProperties().get("fallback").getXKubernetesValidations().stream()
                .map(r -> new CelRule(r.getRule())).toList();
        jobTemplateRequired = rule(spec(crd("scaledjobs")).getProperties().get("jobTargetRef").getXKubernetesValidations(),
                "spec.jobTargetRef.template is required");
    }

    private static CelRule rule(List<ValidationRule> rules, String message) {
        return rules.stream().filter(r -> r.getMessage().equals(message)).findFirst()
                .map(r -> new CelRule(r.getRule()))
                .orElseThrow(() -> new AssertionError("no rule with message " + message));
    }

    @Test
    void minReplicaCountMayNotExceedMaxReplicaCount() {
        assertThat(minNotAboveMax.holdsFor("{minReplicaCount: 1, maxReplicaCount: 10}")).isTrue();
        assertThat(minNotAboveMax.holdsFor("{minReplicaCount: 10, maxReplicaCount: 10}")).isTrue();
        assertThat(minNotAboveMax.holdsFor("{minReplicaCount: 11, maxReplicaCount: 10}")).isFalse();
        assertThat(minNotAboveMax.holdsFor("{minReplicaCount: 150}")).as("max defaults to 100").isFalse();
        assertThat(minNotAboveMax.holdsFor("{maxReplicaCount: 0}")).as("min defaults to 0").isTrue();
        assertThat(minNotAboveMax.holdsFor("{}")).isTrue();
    }

    @Test
    void idleReplicaCountMustBeBelowMinReplicaCount() {
        assertThat(idleBelowMin.holdsFor("{idleReplicaCount: 0, minReplicaCount: 1}")).isTrue();
        assertThat(idleBelowMin.holdsFor("{idleReplicaCount: 2, minReplicaCount: 5}")).isTrue();
        assertThat(idleBelowMin.holdsFor("{idleReplicaCount: 1, minReplicaCount: 1}")).isFalse();
        assertThat(idleBelowMin.holdsFor("{idleReplicaCount: 0}")).as("min defaults to 0, as KEDA rejects idle 0 with min 0").isFalse();
        assertThat(idleBelowMin.holdsFor("{minReplicaCount: 0}")).as("unset idle is not checked").isTrue();
    }

    @Test
    void aScaledObjectNeedsATrigger() {
        assertThat(triggersNotEmpty.holdsFor("[{type: rabbitmq, metadata: {queueName: q}}]")).isTrue();
        assertThat(triggersNotEmpty.holdsFor("[]")).isFalse();
    }

    @Test
    void fallbackCountsMayNotBeNegative() {
        assertThat(fallbackRules).hasSize(2);
        assertThat(fallbackRules).allSatisfy(r -> assertThat(r.holdsFor("{failureThreshold: 3, replicas: 0}")).isTrue());
        assertThat(fallbackRules).anySatisfy(r -> assertThat(r.holdsFor("{failureThreshold: 3, replicas: -1}")).isFalse());
        assertThat(fallbackRules).anySatisfy(r -> assertThat(r.holdsFor("{failureThreshold: -1, replicas: 2}")).isFalse());
    }

    @Test
    void aScaledJobNeedsAJobTemplate() {
        assertThat(jobTemplateRequired.holdsFor("{template: {spec: {containers: [{name: c, image: busybox}]}}}")).isTrue();
        assertThat(jobTemplateRequired.holdsFor("{parallelism: 1}")).isFalse();
    }
}
