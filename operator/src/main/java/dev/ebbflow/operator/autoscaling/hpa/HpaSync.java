package dev.ebbflow.operator.autoscaling.hpa;

import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.operator.autoscaling.core.HpaPlan;
import dev.ebbflow.operator.autoscaling.core.ScalingSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerSpec;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Brings a generated HPA in line with the core's {@link HpaPlan}: created, updated, or deleted while
 * paused. Remembers what it last wrote per HPA, so that the scale loop, which asks on every poll,
 * touches the API server only when the plan changes.
 */
public final class HpaSync {

    private static final HorizontalPodAutoscalerSpec ABSENT = new HorizontalPodAutoscalerSpec();

    private final HpaWriter writer;
    private final ConcurrentMap<String, HorizontalPodAutoscalerSpec> lastWritten = new ConcurrentHashMap<>();

    public HpaSync(HpaWriter writer) {
        this.writer = writer;
    }

    /**
     * @param known the HPA as an up-to-date cache shows it ({@code Optional.empty()} when the cache
     *     says it does not exist), or null when the caller has no cache and the memory of the last write should be trusted
     * @return whether anything was written
     */
    public boolean apply(ScaledObject so, String hpaName, ScalingSpec spec, HpaPlan plan, Optional<HorizontalPodAutoscaler> known) {
        String namespace = so.getMetadata().getNamespace();
        String key = namespace + "/" + hpaName;
        if (!plan.present()) {
            // Without the cache's view, an HPA we already removed is looked up again rather than
            // assumed gone: a reconcile that read the ScaledObject before it was paused may have put
            // it back, and only the scale loop would notice.
            boolean exists = known != null ? known.isPresent()
                    : !ABSENT.equals(lastWritten.get(key)) || writer.current(namespace, hpaName) != null;
            lastWritten.put(key, ABSENT);
            return exists && writer.delete(namespace, hpaName);
        }
        HorizontalPodAutoscaler desired = GeneratedHpa.build(so, hpaName, spec, plan);
        if (known == null && desired.getSpec().equals(lastWritten.get(key))) {
            return false;
        }
        HorizontalPodAutoscaler existing = known != null ? known.orElse(null) : writer.current(namespace, hpaName);
        boolean wrote = writer.apply(desired, existing);
        lastWritten.put(key, desired.getSpec());
        return wrote;
    }

    /** Deletes the HPA and forgets it. */
    public boolean delete(String namespace, String hpaName) {
        lastWritten.remove(namespace + "/" + hpaName);
        return writer.delete(namespace, hpaName);
    }
}
