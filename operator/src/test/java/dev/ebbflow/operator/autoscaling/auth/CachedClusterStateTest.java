package dev.ebbflow.operator.autoscaling.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.keda.auth.ClusterTriggerAuthentication;
import dev.ebbflow.crds.keda.auth.TriggerAuthentication;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.Cache;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CachedClusterStateTest {

    /** An informer cache stand-in. */
    private static final class MapCache<T extends HasMetadata> implements Cache<T> {
        final Map<ResourceID, T> items = new HashMap<>();

        MapCache<T> with(T item) {
            items.put(ResourceID.fromResource(item), item);
            return this;
        }

        @Override
        public Optional<T> get(ResourceID id) {
            return Optional.ofNullable(items.get(id));
        }

        @Override
        public Stream<ResourceID> keys() {
            return items.keySet().stream();
        }

        @Override
        public Stream<T> list(Predicate<T> predicate) {
            return items.values().stream().filter(predicate);
        }
    }

    private final InMemoryClusterState api = new InMemoryClusterState()
            .put(AuthFixtures.secret("apps", "rabbit", "host", "from-api"))
            .put(AuthFixtures.triggerAuthentication("apps", "auth", AuthFixtures.spec()));
    private final CachedClusterState state = new CachedClusterState(api);

    @Test
    void beforeTheCachesExistEverythingIsReadFromTheApi() {
        assertThat(state.secret("apps", "rabbit")).isPresent();
        assertThat(state.triggerAuthentication("apps", "auth")).isPresent();
        assertThat(state.clusterTriggerAuthentication("shared")).isEmpty();
    }

    @Test
    void onceAttachedTheCachesAnswerAndWhatTheyLackIsAbsent() {
        MapCache<Secret> secrets = new MapCache<Secret>().with(AuthFixtures.secret("apps", "cached", "host", "from-cache"));
        MapCache<ClusterTriggerAuthentication> ctas = new MapCache<ClusterTriggerAuthentication>()
                .with(AuthFixtures.clusterTriggerAuthentication("shared", AuthFixtures.spec()));
        state.attach(secrets, new MapCache<ConfigMap>().with(AuthFixtures.configMap("apps", "cfg", "k", "v")),
                new MapCache<TriggerAuthentication>(), ctas);

        assertThat(state.secret("apps", "cached")).isPresent();
        assertThat(state.secret("apps", "rabbit")).as("the API is not asked once the cache is in place").isEmpty();
        assertThat(state.configMap("apps", "cfg")).isPresent();
        assertThat(state.triggerAuthentication("apps", "auth")).isEmpty();
        assertThat(state.clusterTriggerAuthentication("shared")).isPresent();
        assertThat(state.secret("apps", "")).isEmpty();
    }

    @Test
    void aSecretCachedWithoutItsDataIsReadFromTheApi() {
        Secret full = AuthFixtures.secret("apps", "rabbit", "host", "from-api");
        state.attach(new MapCache<Secret>().with(PrunedSecrets.prune(full, false)), new MapCache<>(), new MapCache<>(), new MapCache<>());

        assertThat(state.secret("apps", "rabbit")).get().satisfies(s -> assertThat(s.getData()).containsKey("host"));
    }

    @Test
    void aSecretCachedWithoutItsDataIsReadOncePerResourceVersionHoweverManyTriggersReadIt() {
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        Secret v1 = AuthFixtures.secret("apps", "rabbit", "host", "first");
        v1.getMetadata().setResourceVersion("1");
        InMemoryClusterState server = new InMemoryClusterState().put(v1);
        CachedClusterState counted = new CachedClusterState(new ClusterState() {
            @Override
            public Optional<Secret> secret(String namespace, String name) {
                reads.incrementAndGet();
                return server.secret(namespace, name);
            }

            @Override
            public Optional<ConfigMap> configMap(String namespace, String name) {
                return server.configMap(namespace, name);
            }

            @Override
            public Optional<TriggerAuthentication> triggerAuthentication(String namespace, String name) {
                return server.triggerAuthentication(namespace, name);
            }

            @Override
            public Optional<ClusterTriggerAuthentication> clusterTriggerAuthentication(String name) {
                return server.clusterTriggerAuthentication(name);
            }
        });
        MapCache<Secret> cache = new MapCache<Secret>().with(PrunedSecrets.prune(v1, false));
        counted.attach(cache, new MapCache<>(), new MapCache<>(), new MapCache<>());

        for (int i = 0; i < 100; i++) {
            assertThat(counted.secret("apps", "rabbit")).get().satisfies(s -> assertThat(s.getData()).containsKey("host"));
        }
        assertThat(reads).as("GETs of one Secret read by 100 triggers").hasValue(1);

        // Changed while still pruned in the cache (its watch event came before a trigger referenced it): read again.
        Secret v2 = AuthFixtures.secret("apps", "rabbit", "host", "second");
        v2.getMetadata().setResourceVersion("2");
        server.put(v2);
        cache.with(PrunedSecrets.prune(v2, false));
        assertThat(counted.secret("apps", "rabbit")).get().satisfies(s -> assertThat(s.getData()).isEqualTo(v2.getData()));
        assertThat(reads).hasValue(2);
    }
}
