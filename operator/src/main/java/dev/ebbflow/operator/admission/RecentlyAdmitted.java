package dev.ebbflow.operator.admission;

import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ScaledObjects this webhook let through a moment ago, laid over the informer cache: the API server
 * stores an object only after the webhook allowed it, and the cache hears of it a little later still,
 * so two ScaledObjects for one workload applied back to back would otherwise both pass. An entry gives
 * way as soon as the cache holds a newer version of that object, and is forgotten after {@code keep}
 * in any case (a create that another check then refused leaves no trace longer than that).
 */
final class RecentlyAdmitted {

    private record Entry(ScaledObject object, Instant at) {
    }

    private final Clock clock;
    private final Duration keep;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    RecentlyAdmitted(Clock clock, Duration keep) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.keep = Objects.requireNonNull(keep, "keep");
    }

    void record(ScaledObject so) {
        entries.put(key(so.getMetadata().getNamespace(), so.getMetadata().getName()), new Entry(so, clock.instant()));
    }

    /** The namespace's ScaledObjects: the cache's, with the ones admitted since in place of (or besides) them. */
    List<ScaledObject> overlay(String namespace, List<ScaledObject> cached) {
        Instant oldest = clock.instant().minus(keep);
        entries.values().removeIf(e -> e.at().isBefore(oldest));
        Map<String, ScaledObject> byName = new LinkedHashMap<>();
        cached.forEach(so -> byName.put(so.getMetadata().getName(), so));
        entries.forEach((key, entry) -> {
            ScaledObject admitted = entry.object();
            if (!namespace.equals(admitted.getMetadata().getNamespace())) {
                return;
            }
            ScaledObject inCache = byName.get(admitted.getMetadata().getName());
            // The cache has caught up once it holds a version written after the one admitted.
            boolean caughtUp = inCache != null && !Objects.equals(inCache.getMetadata().getResourceVersion(),
                    admitted.getMetadata().getResourceVersion());
            if (caughtUp) {
                entries.remove(key, entry);
            } else {
                byName.put(admitted.getMetadata().getName(), admitted);
            }
        });
        return new ArrayList<>(byName.values());
    }

    int size() {
        return entries.size();
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
