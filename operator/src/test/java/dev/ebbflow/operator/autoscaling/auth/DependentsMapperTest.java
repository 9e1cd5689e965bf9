package dev.ebbflow.operator.autoscaling.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.keda.auth.ClusterTriggerAuthentication;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DependentsMapperTest {

    private static final ResourceID ORDERS = new ResourceID("orders", "apps");
    private static final ResourceID BILLING = new ResourceID("billing", "apps");

    private final AuthReferenceIndex index = new AuthReferenceIndex();
    private final Set<ResourceID> stale = new HashSet<>();
    private final DependentsMapper<Secret> secrets = new DependentsMapper<>(index,
            s -> AuthDependency.secret(s.getMetadata().getNamespace(), s.getMetadata().getName()), stale::addAll);

    @Test
    void aSecretMapsToEveryScaledObjectThatReadItAndMarksThemStale() {
        index.update(ORDERS, Set.of(AuthDependency.secret("apps", "rabbit"), AuthDependency.triggerAuthentication("apps", "auth")));
        index.update(BILLING, Set.of(AuthDependency.secret("apps", "rabbit")));

        assertThat(secrets.toPrimaryResourceIDs(AuthFixtures.secret("apps", "rabbit", "host", "amqp://x"))).containsExactlyInAnyOrder(ORDERS, BILLING);
        assertThat(stale).containsExactlyInAnyOrder(ORDERS, BILLING);
    }

    @Test
    void anUnreadSecretOrOneOfTheSameNameElsewhereMapsToNothingAndMarksNothing() {
        index.update(ORDERS, Set.of(AuthDependency.secret("apps", "rabbit")));

        assertThat(secrets.toPrimaryResourceIDs(AuthFixtures.secret("apps", "other", "k", "v"))).isEmpty();
        assertThat(secrets.toPrimaryResourceIDs(AuthFixtures.secret("ebbflow", "rabbit", "k", "v"))).isEmpty();
        assertThat(stale).isEmpty();
    }

    @Test
    void aScaledObjectNoLongerReadingTheSecretIsNoLongerMapped() {
        index.update(ORDERS, Set.of(AuthDependency.secret("apps", "rabbit")));
        index.update(ORDERS, Set.of(AuthDependency.secret("apps", "rabbit-v2")));

        assertThat(secrets.toPrimaryResourceIDs(AuthFixtures.secret("apps", "rabbit", "k", "v"))).isEmpty();
        assertThat(secrets.toPrimaryResourceIDs(AuthFixtures.secret("apps", "rabbit-v2", "k", "v"))).containsExactly(ORDERS);
    }

    @Test
    void aClusterTriggerAuthenticationMapsAcrossNamespaces() {
        ResourceID elsewhere = new ResourceID("reports", "finance");
        index.update(ORDERS, Set.of(AuthDependency.clusterTriggerAuthentication("shared")));
        index.update(elsewhere, Set.of(AuthDependency.clusterTriggerAuthentication("shared")));
        DependentsMapper<ClusterTriggerAuthentication> mapper = new DependentsMapper<>(index,
                c -> AuthDependency.clusterTriggerAuthentication(c.getMetadata().getName()), stale::addAll);

        assertThat(mapper.toPrimaryResourceIDs(AuthFixtures.clusterTriggerAuthentication("shared", AuthFixtures.spec())))
                .containsExactlyInAnyOrder(ORDERS, elsewhere);
    }
}
