package dev.ebbflow.operator.autoscaling.auth;

import static dev.ebbflow.operator.autoscaling.auth.AuthFixtures.SECRET_VALUE;
import static dev.ebbflow.operator.autoscaling.auth.AuthFixtures.clusterRef;
import static dev.ebbflow.operator.autoscaling.auth.AuthFixtures.clusterTriggerAuthentication;
import static dev.ebbflow.operator.autoscaling.auth.AuthFixtures.configMap;
import static dev.ebbflow.operator.autoscaling.auth.AuthFixtures.ref;
import static dev.ebbflow.operator.autoscaling.auth.AuthFixtures.secret;
import static dev.ebbflow.operator.autoscaling.auth.AuthFixtures.secretRef;
import static dev.ebbflow.operator.autoscaling.auth.AuthFixtures.secretRefs;
import static dev.ebbflow.operator.autoscaling.auth.AuthFixtures.triggerAuthentication;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.crds.keda.auth.ClusterTriggerAuthentication;
import dev.ebbflow.crds.keda.auth.TriggerAuthentication;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ClientClusterStateTest {

    static KubernetesClient mockClient;

    @Test
    void readsEachKindThroughTheClient() {
        mockClient.resource(secret("apps", "rabbit", "host", SECRET_VALUE)).create();
        mockClient.resource(configMap("apps", "settings", "vhost", "/")).create();
        mockClient.resource(triggerAuthentication("apps", "rabbit-auth", secretRefs(secretRef("host", "rabbit", "host")))).create();
        mockClient.resource(clusterTriggerAuthentication("shared", secretRefs(secretRef("host", "rabbit", "host")))).create();
        ClusterState state = new ClientClusterState(mockClient);

        assertThat(state.secret("apps", "rabbit")).get().extracting(s -> s.getData().get("host"))
                .isEqualTo(AuthFixtures.base64(SECRET_VALUE));
        assertThat(state.configMap("apps", "settings")).get().extracting(c -> c.getData().get("vhost")).isEqualTo("/");
        assertThat(state.triggerAuthentication("apps", "rabbit-auth")).get()
                .extracting(t -> t.getSpec().getSecretTargetRef().get(0).getName()).isEqualTo("rabbit");
        assertThat(state.clusterTriggerAuthentication("shared")).isPresent();

        assertThat(state.secret("other", "rabbit")).isEmpty();
        assertThat(state.configMap("apps", "nope")).isEmpty();
        assertThat(state.triggerAuthentication("other", "rabbit-auth")).isEmpty();
        assertThat(state.clusterTriggerAuthentication("nope")).isEmpty();
    }

    @Test
    void resolvesTriggerAndClusterTriggerAuthenticationsAgainstTheApiServer() throws Exception {
        mockClient.resource(secret("apps", "db", "password", "namespace-password")).create();
        mockClient.resource(secret("ebbflow-system", "db", "password", "operator-password")).create();
        mockClient.resource(triggerAuthentication("apps", "db-auth", secretRefs(secretRef("password", "db", "password")))).create();
        mockClient.resource(clusterTriggerAuthentication("db-cluster", secretRefs(secretRef("password", "db", "password")))).create();
        TriggerAuthResolver resolver = new TriggerAuthResolver(new ClientClusterState(mockClient), "ebbflow-system");

        assertThat(resolver.resolve("apps", 0, ref("db-auth"), null, null).params()).containsEntry("password", "namespace-password");
        assertThat(resolver.resolve("apps", 0, clusterRef("db-cluster"), null, null).params())
                .containsEntry("password", "operator-password");
        assertThatThrownBy(() -> resolver.resolve("apps", 1, ref("absent"), null, null))
                .isInstanceOf(TriggerAuthException.class)
                .hasMessage("spec.triggers[1].authenticationRef.name: TriggerAuthentication 'absent' not found in namespace 'apps'");
    }

    @Test
    void readsFromInformerStoresWhenGiven() throws Exception {
        mockClient.resource(secret("cached", "s", "k", "v")).create();
        mockClient.resource(triggerAuthentication("cached", "ta", secretRefs(secretRef("p", "s", "k")))).create();
        mockClient.resource(clusterTriggerAuthentication("cta", secretRefs(secretRef("p", "s", "k")))).create();
        try (SharedIndexInformer<Secret> secrets = mockClient.secrets().inAnyNamespace().inform();
                SharedIndexInformer<TriggerAuthentication> tas = mockClient.resources(TriggerAuthentication.class).inAnyNamespace().inform();
                SharedIndexInformer<ClusterTriggerAuthentication> ctas = mockClient.resources(ClusterTriggerAuthentication.class).inform()) {
            ClientClusterState state = new ClientClusterState(mockClient)
                    .withSecretStore(secrets.getStore())
                    .withTriggerAuthenticationStore(tas.getStore())
                    .withClusterTriggerAuthenticationStore(ctas.getStore());

            assertThat(state.secret("cached", "s")).isPresent();
            assertThat(state.triggerAuthentication("cached", "ta")).isPresent();
            assertThat(state.clusterTriggerAuthentication("cta")).isPresent();

            // Deleted behind the store's back through the API: a store-backed read still sees the cached
            // object, which shows the read did not go to the server.
            secrets.stop();
            mockClient.secrets().inNamespace("cached").withName("s").delete();
            assertThat(mockClient.secrets().inNamespace("cached").withName("s").get()).isNull();
            assertThat(state.secret("cached", "s")).isPresent();
            assertThat(new ClientClusterState(mockClient).secret("cached", "s")).isEmpty();
        }
    }
}
