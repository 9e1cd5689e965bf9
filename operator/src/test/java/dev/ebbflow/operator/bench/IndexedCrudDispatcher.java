package dev.ebbflow.operator.bench;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesResponseComposer;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import io.fabric8.mockwebserver.crud.CrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import java.lang.reflect.Field;
import java.net.HttpURLConnection;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;

/**
 * fabric8's CRUD dispatcher with a hash index. The stock one keeps every object as a JSON string in a
 * map keyed by its attributes and compares each request with every stored object, so N objects cost
 * O(N) per request and a benchmark that creates N of them O(N²) in all. This one keeps the same store,
 * the same matching rule ({@link AttributeSet#matches}) and the same responses, but first narrows the
 * candidates through an index by (plural, namespace, name), by (plural, namespace) and by plural.
 * Everything it does not narrow (watches, deletes, requests without an exact plural) goes to the stock
 * code unchanged. Test scope: a benchmark stand-in, not a server.
 */
final class IndexedCrudDispatcher extends KubernetesCrudDispatcher {

    private static final String PLURAL = "plural";
    private static final String NAMESPACE = "namespace";
    private static final String NAME = "name";

    private final IndexedStore store = new IndexedStore();
    private final KubernetesResponseComposer composer = new KubernetesResponseComposer();
    private final ReadWriteLock lock;
    private final AtomicLong resourceVersion;

    IndexedCrudDispatcher() {
        // The stock code reads and writes the protected map directly: swapping it for an indexed one
        // keeps every write path (create, update, patch, status, delete, finalizers) as fabric8 wrote it.
        setField(CrudDispatcher.class, "map", store);
        this.lock = (ReadWriteLock) getField(KubernetesCrudDispatcher.class, "lock");
        this.resourceVersion = (AtomicLong) getField(KubernetesCrudDispatcher.class, "resourceVersion");
    }

    @Override
    public Map.Entry<AttributeSet, String> findResource(AttributeSet query) {
        List<AttributeSet> candidates = store.candidates(query);
        if (candidates == null) {
            return super.findResource(query);
        }
        for (AttributeSet key : candidates) {
            if (key.matches(query)) {
                return new AbstractMap.SimpleImmutableEntry<>(key, store.get(key));
            }
        }
        return null;
    }

    @Override
    public MockResponse handleGet(String path) {
        if (path.contains("watch=true")) {
            return super.handleGet(path);
        }
        AttributeSet query = attributeExtractor.fromPath(path);
        Lock read = lock.readLock();
        List<String> items = new ArrayList<>();
        read.lock();
        try {
            List<AttributeSet> candidates = store.candidates(query);
            if (candidates == null) {
                return super.handleGet(path);
            }
            for (AttributeSet key : candidates) {
                if (key.matches(query)) {
                    items.add(store.get(key));
                }
            }
        } finally {
            read.unlock();
        }
        if (query.containsKey(NAME)) {
            // A miss is frequent (e.g. an Event looked up before it is first written): 404, as fabric8 answers it.
            return items.isEmpty() ? new MockResponse().setResponseCode(HttpURLConnection.HTTP_NOT_FOUND)
                    : new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK).setBody(items.get(0));
        }
        if (items.isEmpty()) {
            // An empty list or a discovery document: rare, and answered by fabric8's own code.
            return super.handleGet(path);
        }
        return new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK)
                .setBody(composer.compose(items, String.valueOf(resourceVersion.get())));
    }

    /**
     * The stock store (insertion-ordered, as fabric8's {@code LinkedHashMap}) plus three indexes of its
     * keys. Keys without an exact plural are kept aside and offered to every query.
     */
    static final class IndexedStore extends AbstractMap<AttributeSet, String> {

        private final Map<AttributeSet, String> objects = new LinkedHashMap<>();
        private final Map<List<Attribute>, Set<AttributeSet>> byName = new LinkedHashMap<>();
        private final Map<List<Attribute>, Set<AttributeSet>> byNamespace = new LinkedHashMap<>();
        private final Map<List<Attribute>, Set<AttributeSet>> byPlural = new LinkedHashMap<>();
        private final Set<AttributeSet> unindexed = new LinkedHashSet<>();

        @Override
        public synchronized String put(AttributeSet key, String value) {
            String before = objects.remove(key);
            if (before != null) {
                unindex(key);
            }
            objects.put(key, value);
            index(key);
            return before;
        }

        @Override
        public synchronized String remove(Object key) {
            String before = objects.remove(key);
            if (before != null) {
                unindex((AttributeSet) key);
            }
            return before;
        }

        @Override
        public synchronized String get(Object key) {
            return objects.get(key);
        }

        @Override
        public synchronized boolean containsKey(Object key) {
            return objects.containsKey(key);
        }

        @Override
        public synchronized int size() {
            return objects.size();
        }

        @Override
        public synchronized void clear() {
            objects.clear();
            byName.clear();
            byNamespace.clear();
            byPlural.clear();
            unindexed.clear();
        }

        /** A copy: the stock code iterates it while other requests write. */
        @Override
        public synchronized Set<Entry<AttributeSet, String>> entrySet() {
            Set<Entry<AttributeSet, String>> copy = new LinkedHashSet<>();
            objects.forEach((k, v) -> copy.add(new SimpleImmutableEntry<>(k, v)));
            return Collections.unmodifiableSet(copy);
        }

        /**
         * The stored keys that may match {@code query}, in insertion order, or null when the query has no
         * exact plural to narrow by (the caller then scans everything).
         */
        synchronized List<AttributeSet> candidates(AttributeSet query) {
            Attribute plural = exact(query, PLURAL);
            if (plural == null) {
                return null;
            }
            Attribute namespace = exact(query, NAMESPACE);
            Attribute name = exact(query, NAME);
            Set<AttributeSet> bucket;
            if (namespace != null && name != null) {
                bucket = byName.get(Arrays.asList(plural, namespace, name));
            } else if (namespace != null) {
                bucket = byNamespace.get(Arrays.asList(plural, namespace));
            } else {
                bucket = byPlural.get(List.of(plural));
            }
            List<AttributeSet> result = new ArrayList<>(unindexed);
            if (bucket != null) {
                result.addAll(bucket);
            }
            return result;
        }

        private void index(AttributeSet key) {
            Map<Map<List<Attribute>, Set<AttributeSet>>, List<Attribute>> buckets = buckets(key);
            if (buckets == null) {
                unindexed.add(key);
                return;
            }
            buckets.forEach((index, bucket) -> index.computeIfAbsent(bucket, k -> new LinkedHashSet<>()).add(key));
        }

        private void unindex(AttributeSet key) {
            Map<Map<List<Attribute>, Set<AttributeSet>>, List<Attribute>> buckets = buckets(key);
            if (buckets == null) {
                unindexed.remove(key);
                return;
            }
            buckets.forEach((index, bucket) -> {
                Set<AttributeSet> keys = index.get(bucket);
                if (keys != null && keys.remove(key) && keys.isEmpty()) {
                    index.remove(bucket);
                }
            });
        }

        /** The bucket of each index that holds {@code key}, or null when it has no plural to index by. */
        private Map<Map<List<Attribute>, Set<AttributeSet>>, List<Attribute>> buckets(AttributeSet key) {
            Attribute plural = key.getAttribute(PLURAL);
            if (plural == null) {
                return null;
            }
            Attribute namespace = key.getAttribute(NAMESPACE);
            Map<Map<List<Attribute>, Set<AttributeSet>>, List<Attribute>> buckets = new java.util.IdentityHashMap<>();
            buckets.put(byPlural, List.of(plural));
            buckets.put(byNamespace, Arrays.asList(plural, namespace));
            buckets.put(byName, Arrays.asList(plural, namespace, key.getAttribute(NAME)));
            return buckets;
        }

        /**
         * The query's attribute {@code name} when it asks for equality: only then can a stored key match
         * it by holding an equal attribute, which is what the index looks up.
         */
        private static Attribute exact(AttributeSet query, String name) {
            Attribute a = query.getAttribute(name);
            return a != null && a.getType() == AttributeType.WITH ? a : null;
        }
    }

    private void setField(Class<?> owner, String name, Object value) {
        try {
            Field f = owner.getDeclaredField(name);
            f.setAccessible(true);
            f.set(this, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("fabric8's " + owner.getSimpleName() + "." + name + " changed: the index cannot attach", e);
        }
    }

    private Object getField(Class<?> owner, String name) {
        try {
            Field f = owner.getDeclaredField(name);
            f.setAccessible(true);
            return f.get(this);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("fabric8's " + owner.getSimpleName() + "." + name + " changed: the index cannot attach", e);
        }
    }
}
