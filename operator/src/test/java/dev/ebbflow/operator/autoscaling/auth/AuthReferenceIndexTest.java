package dev.ebbflow.operator.autoscaling.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthReferenceIndexTest {

    private static final ResourceID ORDERS = new ResourceID("orders", "apps");
    private static final ResourceID BILLING = new ResourceID("billing", "apps");
    private static final AuthDependency TA = AuthDependency.triggerAuthentication("apps", "rabbit-auth");
    private static final AuthDependency CTA = AuthDependency.clusterTriggerAuthentication("shared");
    private static final AuthDependency SECRET = AuthDependency.secret("apps", "rabbit");
    private static final AuthDependency CONFIG = AuthDependency.configMap("ebbflow-system", "cfg");

    private final AuthReferenceIndex index = new AuthReferenceIndex();

    @Test
    void findsEveryScaledObjectReadingAnObject() {
        index.update(ORDERS, Set.of(TA, SECRET));
        index.update(BILLING, Set.of(CTA, SECRET, CONFIG));

        assertThat(index.dependentsOfTriggerAuthentication("apps", "rabbit-auth")).containsExactly(ORDERS);
        assertThat(index.dependentsOfClusterTriggerAuthentication("shared")).containsExactly(BILLING);
        assertThat(index.dependentsOfSecret("apps", "rabbit")).containsExactlyInAnyOrder(ORDERS, BILLING);
        assertThat(index.dependentsOfConfigMap("ebbflow-system", "cfg")).containsExactly(BILLING);
        assertThat(index.dependentsOfSecret("other", "rabbit")).isEmpty();
    }

    @Test
    void updateReplacesTheOldDependencies() {
        index.update(ORDERS, Set.of(TA, SECRET));
        index.update(ORDERS, Set.of(CTA));

        assertThat(index.dependents(TA)).isEmpty();
        assertThat(index.dependents(SECRET)).isEmpty();
        assertThat(index.dependents(CTA)).containsExactly(ORDERS);
        assertThat(index.dependenciesOf(ORDERS)).containsExactly(CTA);
    }

    @Test
    void removeForgetsTheScaledObject() {
        index.update(ORDERS, Set.of(TA, SECRET));
        index.update(BILLING, Set.of(SECRET));
        index.remove(ORDERS);
        index.remove(new ResourceID("never-seen", "apps"));

        assertThat(index.dependents(TA)).isEmpty();
        assertThat(index.dependents(SECRET)).containsExactly(BILLING);
        assertThat(index.dependenciesOf(ORDERS)).isEmpty();
    }

    @Test
    void aFailedResolutionStillWatchesTheMissingObject() throws Exception {
        TriggerAuthResolver resolver = new TriggerAuthResolver(new InMemoryClusterState(), "ebbflow-system");
        try {
            resolver.resolve("apps", 0, AuthFixtures.ref("rabbit-auth"), null, null);
        } catch (TriggerAuthException e) {
            index.update(ORDERS, e.dependencies());
        }

        assertThat(index.dependentsOfTriggerAuthentication("apps", "rabbit-auth")).containsExactly(ORDERS);
    }

    @Test
    void returnedSetsAreSnapshots() {
        index.update(ORDERS, Set.of(SECRET));
        Set<ResourceID> before = index.dependents(SECRET);
        index.update(BILLING, Set.of(SECRET));

        assertThat(before).containsExactly(ORDERS);
    }
}
