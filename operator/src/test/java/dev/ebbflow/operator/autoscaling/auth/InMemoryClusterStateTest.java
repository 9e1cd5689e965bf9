package dev.ebbflow.operator.autoscaling.auth;

import static dev.ebbflow.operator.autoscaling.auth.AuthFixtures.clusterTriggerAuthentication;
import static dev.ebbflow.operator.autoscaling.auth.AuthFixtures.configMap;
import static dev.ebbflow.operator.autoscaling.auth.AuthFixtures.secret;
import static dev.ebbflow.operator.autoscaling.auth.AuthFixtures.spec;
import static dev.ebbflow.operator.autoscaling.auth.AuthFixtures.triggerAuthentication;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

class InMemoryClusterStateTest {

    @Test
    void kindsWithTheSameNameAreKeptApart() {
        InMemoryClusterState state = new InMemoryClusterState()
                .put(secret("apps", "rabbit", "k", "v"))
                .put(configMap("apps", "rabbit", "k", "v"))
                .put(triggerAuthentication("apps", "rabbit", spec()))
                .put(clusterTriggerAuthentication("rabbit", spec()));

        state.remove(secret("apps", "rabbit"));

        assertThat(state.secret("apps", "rabbit")).isEmpty();
        assertThat(state.configMap("apps", "rabbit")).isPresent();
        assertThat(state.triggerAuthentication("apps", "rabbit")).isPresent();
        assertThat(state.triggerAuthentication("other", "rabbit")).isEmpty();
        assertThat(state.clusterTriggerAuthentication("rabbit")).isPresent();
    }

    @Test
    void rejectsKindsItDoesNotServe() {
        assertThatThrownBy(() -> new InMemoryClusterState().put(new PodBuilder().withNewMetadata().withName("p").endMetadata().build()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
