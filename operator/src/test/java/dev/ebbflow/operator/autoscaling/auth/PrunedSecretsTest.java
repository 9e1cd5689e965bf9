package dev.ebbflow.operator.autoscaling.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrunedSecretsTest {

    private static Secret applied() {
        Secret s = AuthFixtures.secret("apps", "rabbit", "host", AuthFixtures.SECRET_VALUE);
        s.getMetadata().setResourceVersion("42");
        s.getMetadata().setUid("u-1");
        s.getMetadata().setAnnotations(Map.of("kubectl.kubernetes.io/last-applied-configuration", AuthFixtures.SECRET_VALUE, "team", "a"));
        s.getMetadata().setManagedFields(List.of(new ManagedFieldsEntry()));
        return s;
    }

    @Test
    void anUnreadSecretKeepsItsNameAndVersionButNoData() {
        Secret pruned = PrunedSecrets.prune(applied(), false);

        assertThat(pruned.getMetadata().getName()).isEqualTo("rabbit");
        assertThat(pruned.getMetadata().getNamespace()).isEqualTo("apps");
        assertThat(pruned.getMetadata().getResourceVersion()).isEqualTo("42");
        assertThat(pruned.getData()).isNullOrEmpty();
        assertThat(pruned.toString()).doesNotContain(AuthFixtures.SECRET_VALUE);
        assertThat(PrunedSecrets.isPruned(pruned)).isTrue();
    }

    @Test
    void aReadSecretKeepsItsDataButNotTheCopiesKubectlAndTheServerAdd() {
        Secret original = applied();
        Secret kept = PrunedSecrets.prune(original, true);

        assertThat(kept.getData()).isEqualTo(original.getData());
        assertThat(kept.getMetadata().getAnnotations()).containsOnlyKeys("team");
        assertThat(kept.getMetadata().getManagedFields()).isNullOrEmpty();
        assertThat(PrunedSecrets.isPruned(kept)).isFalse();
        assertThat(original.getMetadata().getManagedFields()).as("the informer's object is left alone").hasSize(1);
    }

    @Test
    void theStoreDecidesPerSecretWhenItIsPut() {
        TransformingItemStore<Secret> store = PrunedSecrets.store(s -> s.getMetadata().getName().equals("rabbit"));
        store.put("apps/rabbit", applied());
        store.put("apps/other", AuthFixtures.secret("apps", "other", "k", "v"));

        assertThat(PrunedSecrets.isPruned(store.get("apps/rabbit"))).isFalse();
        assertThat(PrunedSecrets.isPruned(store.get("apps/other"))).isTrue();
    }
}
