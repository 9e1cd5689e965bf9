package dev.ebbflow.operator.autoscaling.auth;

import static dev.ebbflow.operator.autoscaling.auth.AuthFixtures.SECRET_VALUE;
import static dev.ebbflow.operator.autoscaling.auth.AuthFixtures.configMap;
import static dev.ebbflow.operator.autoscaling.auth.AuthFixtures.container;
import static dev.ebbflow.operator.autoscaling.auth.AuthFixtures.secret;
import static dev.ebbflow.operator.autoscaling.auth.AuthFixtures.template;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.keda.ScaleTrigger;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetadataFromEnvTest {

    private static final String NS = "apps";
    private static final Map<String, String> HOST_FROM_ENV = Map.of("hostFromEnv", "RABBITMQ_URL", "queueName", "orders");

    private final InMemoryClusterState state = new InMemoryClusterState();
    private final TriggerAuthResolver resolver = new TriggerAuthResolver(state, "ebbflow-system");

    private ResolvedEnv resolve(Map<String, String> metadata, PodTemplateSpec template, String envSource) throws TriggerAuthException {
        return resolver.resolveMetadataFromEnv(NS, 0, metadata, template, envSource);
    }

    private TriggerAuthException failure(Map<String, String> metadata, PodTemplateSpec template, String envSource) {
        try {
            resolver.resolveMetadataFromEnv(NS, 2, metadata, template, envSource);
        } catch (TriggerAuthException e) {
            assertThat(e.getMessage()).doesNotContain(SECRET_VALUE);
            return e;
        }
        throw new AssertionError("expected a TriggerAuthException");
    }

    private static PodTemplateSpec worker(ContainerBuilder worker) {
        return template(worker.build());
    }

    @Test
    void fromEnvKeyIsResolvedUnderTheBaseKey() throws Exception {
        PodTemplateSpec t = worker(container("worker").addNewEnv().withName("RABBITMQ_URL").withValue("amqp://rabbit:5672").endEnv());

        ResolvedEnv env = resolve(HOST_FROM_ENV, t, null);

        assertThat(env.values()).containsExactlyEntriesOf(Map.of("host", "amqp://rabbit:5672"));
        assertThat(env.dependencies()).isEmpty();
    }

    @Test
    void envSourceContainerNameSelectsTheContainer() throws Exception {
        PodTemplateSpec t = template(
                container("proxy").addNewEnv().withName("RABBITMQ_URL").withValue("amqp://proxy").endEnv().build(),
                container("worker").addNewEnv().withName("RABBITMQ_URL").withValue("amqp://worker").endEnv().build());

        assertThat(resolve(HOST_FROM_ENV, t, "worker").values()).containsEntry("host", "amqp://worker");
        assertThat(resolve(HOST_FROM_ENV, t, null).values()).containsEntry("host", "amqp://proxy");
    }

    @Test
    void literalMetadataValueWins() throws Exception {
        ResolvedEnv env = resolve(Map.of("host", "amqp://literal", "hostFromEnv", "UNSET"), template(container("w").build()), null);

        assertThat(env.values()).isEmpty();
    }

    @Test
    void missingVariableNamesTheMetadataField() {
        TriggerAuthException e = failure(HOST_FROM_ENV, template(container("worker").build()), null);

        assertThat(e.field()).isEqualTo("spec.triggers[2].metadata.hostFromEnv");
        assertThat(e.object()).isNull();
        assertThat(e.getMessage()).isEqualTo("spec.triggers[2].metadata.hostFromEnv:"
                + " environment variable 'RABBITMQ_URL' is not set in container 'worker' of the scale target");
    }

    @Test
    void absentTemplateIsAnEmptyEnvironment() throws Exception {
        assertThat(resolve(Map.of("queueName", "q"), null, null).values()).isEmpty();
        assertThat(failure(HOST_FROM_ENV, null, null).field()).isEqualTo("spec.triggers[2].metadata.hostFromEnv");
        assertThat(failure(HOST_FROM_ENV, new PodTemplateSpec(), null).getMessage()).contains("container '(none)'");
    }

    @Test
    void badEnvSourceContainerName() {
        TriggerAuthException e = failure(HOST_FROM_ENV, template(container("worker").build()), "app");

        assertThat(e.field()).isEqualTo("spec.scaleTargetRef.envSourceContainerName");
        assertThat(e.getMessage()).contains("container 'app' is not in the scale target's pod template");
    }

    @Test
    void emptyVariableNameIsAnError() {
        assertThat(failure(Map.of("hostFromEnv", ""), template(container("w").build()), null).field())
                .isEqualTo("spec.triggers[2].metadata.hostFromEnv");
    }

    @Test
    void valueFromSecretKeyRefAndConfigMapKeyRef() throws Exception {
        state.put(secret(NS, "rabbit", "url", "amqp://u:" + SECRET_VALUE + "@rabbit"));
        state.put(configMap(NS, "settings", "queue", "orders"));
        PodTemplateSpec t = worker(container("worker")
                .addNewEnv().withName("RABBITMQ_URL").withNewValueFrom().withNewSecretKeyRef("url", "rabbit", false)
                .endValueFrom().endEnv()
                .addNewEnv().withName("QUEUE").withNewValueFrom().withNewConfigMapKeyRef("queue", "settings", false)
                .endValueFrom().endEnv());

        ResolvedEnv env = resolve(Map.of("hostFromEnv", "RABBITMQ_URL", "queueNameFromEnv", "QUEUE"), t, null);

        assertThat(env.values()).containsEntry("host", "amqp://u:" + SECRET_VALUE + "@rabbit").containsEntry("queueName", "orders");
        assertThat(env.dependencies()).containsExactlyInAnyOrder(AuthDependency.secret(NS, "rabbit"), AuthDependency.configMap(NS, "settings"));
        assertThat(env.toString()).contains("host").doesNotContain(SECRET_VALUE);
    }

    @Test
    void envFromSecretRefAndConfigMapRefWithPrefix() throws Exception {
        state.put(secret(NS, "rabbit", "URL", "amqp://from-secret"));
        state.put(configMap(NS, "settings", "QUEUE", "orders"));
        PodTemplateSpec t = worker(container("worker")
                .addNewEnvFrom().withPrefix("RABBITMQ_").withNewSecretRef("rabbit", false).endEnvFrom()
                .addNewEnvFrom().withNewConfigMapRef("settings", false).endEnvFrom());

        ResolvedEnv env = resolve(Map.of("hostFromEnv", "RABBITMQ_URL", "queueNameFromEnv", "QUEUE"), t, null);

        assertThat(env.values()).containsEntry("host", "amqp://from-secret").containsEntry("queueName", "orders");
    }

    @Test
    void envWinsOverEnvFromAndLaterEntriesWin() throws Exception {
        state.put(configMap(NS, "a", "V", "from-first-envFrom"));
        state.put(configMap(NS, "b", "V", "from-second-envFrom"));
        PodTemplateSpec envFromOnly = worker(container("w")
                .addNewEnvFrom().withNewConfigMapRef("a", false).endEnvFrom()
                .addNewEnvFrom().withNewConfigMapRef("b", false).endEnvFrom());
        PodTemplateSpec withEnv = worker(container("w")
                .addNewEnvFrom().withNewConfigMapRef("a", false).endEnvFrom()
                .addNewEnv().withName("V").withValue("first").endEnv()
                .addNewEnv().withName("V").withValue("second").endEnv());

        assertThat(resolve(Map.of("vFromEnv", "V"), envFromOnly, null).values()).containsEntry("v", "from-second-envFrom");
        assertThat(resolve(Map.of("vFromEnv", "V"), withEnv, null).values()).containsEntry("v", "second");
    }

    @Test
    void dependentVariablesExpand() throws Exception {
        state.put(secret(NS, "rabbit", "password", SECRET_VALUE));
        PodTemplateSpec t = worker(container("w")
                .addNewEnv().withName("PASSWORD").withNewValueFrom().withNewSecretKeyRef("password", "rabbit", false)
                .endValueFrom().endEnv()
                .addNewEnv().withName("RABBITMQ_URL").withValue("amqp://user:$(PASSWORD)@rabbit/$$vhost/$(UNDEFINED)").endEnv());

        ResolvedEnv env = resolve(HOST_FROM_ENV, t, null);

        assertThat(env.values()).containsEntry("host", "amqp://user:" + SECRET_VALUE + "@rabbit/$vhost/$(UNDEFINED)");
    }

    @Test
    void optionalReferenceToMissingSecretLeavesTheVariableUnset() {
        PodTemplateSpec t = worker(container("w").addNewEnv().withName("RABBITMQ_URL").withNewValueFrom()
                .withNewSecretKeyRef("url", "absent", true).endValueFrom().endEnv());

        TriggerAuthException e = failure(HOST_FROM_ENV, t, null);

        assertThat(e.getMessage()).contains("is not set in container 'w'");
        assertThat(e.dependencies()).containsExactly(AuthDependency.secret(NS, "absent"));
    }

    @Test
    void requiredReferenceToMissingSecretOrKeyIsExplained() {
        PodTemplateSpec t = worker(container("w").addNewEnv().withName("RABBITMQ_URL").withNewValueFrom()
                .withNewSecretKeyRef("url", "rabbit", false).endValueFrom().endEnv());

        assertThat(failure(HOST_FROM_ENV, t, null).getMessage()).contains(
                "environment variable 'RABBITMQ_URL' of container 'w' reads Secret 'rabbit', which does not exist in namespace 'apps'");

        state.put(secret(NS, "rabbit", "other", SECRET_VALUE));
        TriggerAuthException e = failure(HOST_FROM_ENV, t, null);
        assertThat(e.field()).isEqualTo("spec.triggers[2].metadata.hostFromEnv");
        assertThat(e.getMessage()).contains("reads key 'url', which is not in Secret 'rabbit'");
    }

    @Test
    void requiredEnvFromOfMissingConfigMapIsExplained() {
        PodTemplateSpec t = worker(container("w").addNewEnvFrom().withNewConfigMapRef("gone", false).endEnvFrom());

        assertThat(failure(HOST_FROM_ENV, t, null).getMessage()).contains("envFrom[0] of container 'w' reads ConfigMap 'gone'");
    }

    @Test
    void unrelatedBrokenReferencesAreNotRead() throws Exception {
        PodTemplateSpec t = worker(container("w")
                .addNewEnv().withName("OTHER").withNewValueFrom().withNewSecretKeyRef("k", "absent", false).endValueFrom().endEnv()
                .addNewEnv().withName("RABBITMQ_URL").withValue("amqp://ok").endEnv());

        ResolvedEnv env = resolve(HOST_FROM_ENV, t, null);

        assertThat(env.values()).containsEntry("host", "amqp://ok");
        assertThat(env.dependencies()).isEmpty();
    }

    @Test
    void podFieldReferencesCannotBeResolved() {
        PodTemplateSpec t = worker(container("w").addNewEnv().withName("RABBITMQ_URL").withNewValueFrom()
                .withNewFieldRef().withFieldPath("status.podIP").endFieldRef().endValueFrom().endEnv());

        assertThat(failure(HOST_FROM_ENV, t, null).getMessage()).contains("is set from a pod field");
    }

    @Test
    void resolveTriggerCombinesAuthenticationAndEnvironment() throws Exception {
        state.put(AuthFixtures.secret(NS, "rabbit", "password", SECRET_VALUE));
        state.put(AuthFixtures.triggerAuthentication(NS, "auth",
                AuthFixtures.secretRefs(AuthFixtures.secretRef("password", "rabbit", "password"))));
        ScaleTrigger trigger = new ScaleTrigger();
        trigger.setType("rabbitmq");
        trigger.setMetadata(HOST_FROM_ENV);
        trigger.setAuthenticationRef(AuthFixtures.ref("auth"));
        PodTemplateSpec t = worker(container("w").addNewEnv().withName("RABBITMQ_URL").withValue("amqp://rabbit").endEnv());

        ResolvedAuth auth = resolver.resolveTrigger(NS, 0, trigger, t, null);

        assertThat(auth.params()).containsExactlyInAnyOrderEntriesOf(Map.of("password", SECRET_VALUE, "host", "amqp://rabbit"));
        assertThat(auth.dependencies()).containsExactlyInAnyOrder(
                AuthDependency.triggerAuthentication(NS, "auth"), AuthDependency.secret(NS, "rabbit"));
    }

    @Test
    void resolveTriggerFailureOnEnvStillReportsTheAuthenticationDependencies() {
        state.put(AuthFixtures.triggerAuthentication(NS, "auth", AuthFixtures.spec()));
        ScaleTrigger trigger = new ScaleTrigger();
        trigger.setType("rabbitmq");
        trigger.setMetadata(HOST_FROM_ENV);
        trigger.setAuthenticationRef(AuthFixtures.ref("auth"));

        try {
            resolver.resolveTrigger(NS, 1, trigger, template(container("w").build()), null);
            throw new AssertionError("expected a TriggerAuthException");
        } catch (TriggerAuthException e) {
            assertThat(e.field()).isEqualTo("spec.triggers[1].metadata.hostFromEnv");
            assertThat(e.dependencies()).containsExactly(AuthDependency.triggerAuthentication(NS, "auth"));
        }
    }

    @Test
    void envFallbacksGoBehindAuthenticationParameters() {
        ResolvedAuth auth = new ResolvedAuth(Map.of("host", "amqp://from-auth"), null, null, Set.of(AuthDependency.secret(NS, "a")));
        ResolvedEnv env = new ResolvedEnv(Map.of("host", "amqp://from-env", "vhostName", "/v"), Set.of(AuthDependency.secret(NS, "b")));

        ResolvedAuth merged = auth.withEnvFallbacks(env);

        assertThat(merged.params()).containsExactlyInAnyOrderEntriesOf(Map.of("host", "amqp://from-auth", "vhostName", "/v"));
        assertThat(merged.dependencies()).containsExactlyInAnyOrder(AuthDependency.secret(NS, "a"), AuthDependency.secret(NS, "b"));
    }
}
