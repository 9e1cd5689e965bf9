package dev.ebbflow.operator.admission;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Informers of one kind over the namespaces the operator watches (all of them when the set is empty),
 * read as one cache. A namespace it does not watch, or a cache that has not listed yet, is not
 * {@link #serves served}: the caller asks the API server instead.
 */
final class InformerView<T extends HasMetadata> implements AutoCloseable {

    private final List<SharedIndexInformer<T>> informers;
    private final Set<String> namespaces;

    private InformerView(List<SharedIndexInformer<T>> informers, Set<String> namespaces) {
        this.informers = List.copyOf(informers);
        this.namespaces = Set.copyOf(namespaces);
    }

    /**
     * Starts the informers without waiting for them. One whose kind is not installed yet keeps
     * retrying, so a CRD applied after the operator started is cached from then on.
     *
     * @param informers not yet started; one per namespace of {@code namespaces}, or one for all
     */
    static <T extends HasMetadata> InformerView<T> start(List<SharedIndexInformer<T>> informers, Set<String> namespaces) {
        for (SharedIndexInformer<T> informer : informers) {
            informer.exceptionHandler((started, error) -> true);
            informer.start();
        }
        return new InformerView<>(informers, namespaces);
    }

    /** Whether lookups in {@code namespace} (null: cluster-scoped) can be answered from the cache. */
    boolean serves(String namespace) {
        return (namespace == null || namespaces.isEmpty() || namespaces.contains(namespace))
                && informers.stream().allMatch(SharedIndexInformer::hasSynced);
    }

    List<T> list(String namespace) {
        List<T> out = new ArrayList<>();
        informers.forEach(i -> out.addAll(i.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace)));
        return out;
    }

    Optional<T> get(String namespace, String name) {
        String key = namespace == null ? name : Cache.namespaceKeyFunc(namespace, name);
        return informers.stream().map(i -> i.getStore().getByKey(key)).filter(o -> o != null).findFirst();
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
    }
}
