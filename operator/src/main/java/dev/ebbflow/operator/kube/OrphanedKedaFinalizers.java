package dev.ebbflow.operator.kube;

import dev.ebbflow.operator.leadership.Leadership;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.Cache;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what JOSDK never hands to a reconciler: an object being deleted that carries
 * {@link KedaFinalizer KEDA's finalizer} but not the controller's own. JOSDK calls {@code cleanup}
 * only when its own finalizer is there, and does not call {@code reconcile} on an object being
 * deleted, so such an object (deleted while no operator ran, after KEDA was uninstalled, or before
 * Ebbflow first saw it) would hang forever. Running with the controller, this looks for them in the
 * controller's own cache, at start and then every {@code period}, and for each runs the controller's
 * cleanup and then releases KEDA's finalizer. Its passes run through the {@link Leadership} gate: on
 * the Lease holder only.
 *
 * <p>It emits no events: it is an event source only to share the controller's lifecycle.
 */
public final class OrphanedKedaFinalizers<P extends HasMetadata> extends AbstractEventSource<Void, P> {

    /** The controller's cleanup of one object; false when it must be tried again later (an API error). */
    @FunctionalInterface
    public interface Cleanup<P> {
        boolean cleanUp(P resource);
    }

    private static final Logger LOG = LoggerFactory.getLogger(OrphanedKedaFinalizers.class);

    private final Cache<P> primaries;
    private final String ownFinalizer;
    private final Cleanup<P> cleanup;
    private final Consumer<P> release;
    private final Duration period;
    private final Leadership leadership;
    private ScheduledExecutorService executor;

    /**
     * @param context the controller's; its primary cache is scanned
     * @param cleanup what the controller's cleanup does, KEDA's finalizer aside
     * @param release removes KEDA's finalizer, e.g. {@code p -> KedaFinalizer.release(client, p)}
     */
    public OrphanedKedaFinalizers(EventSourceContext<P> context, Leadership leadership, Cleanup<P> cleanup, Consumer<P> release,
            Duration period) {
        super(Void.class, "orphaned-keda-finalizers");
        this.primaries = context.getPrimaryCache();
        this.ownFinalizer = context.getControllerConfiguration().getFinalizerName();
        this.cleanup = cleanup;
        this.release = release;
        this.period = period;
        this.leadership = leadership;
    }

    /** Objects JOSDK leaves alone: being deleted, with KEDA's finalizer and without the controller's. */
    static <P extends HasMetadata> Predicate<P> orphaned(String ownFinalizer) {
        return p -> p.isMarkedForDeletion() && KedaFinalizer.carries(p) && !p.hasFinalizer(ownFinalizer);
    }

    @Override
    public synchronized void start() throws OperatorException {
        executor = leadership.newExecutor("orphaned-keda-finalizers", 1);
        // The first pass waits a little: the controller's cache fills after its event sources start.
        executor.scheduleWithFixedDelay(this::sweep, Math.max(1, period.toMillis() / 6), period.toMillis(), TimeUnit.MILLISECONDS);
        super.start();
    }

    /** One pass over the cache; every object found is cleaned up and released, or left for the next pass. */
    public void sweep() {
        List<P> found = primaries.list(orphaned(ownFinalizer)).toList();
        for (P p : found) {
            try {
                if (cleanup.cleanUp(p)) {
                    release.accept(p);
                    LOG.info("{} {}/{}: deleted, KEDA's finalizer {} released", p.getKind(), p.getMetadata().getNamespace(),
                            p.getMetadata().getName(), KedaFinalizer.NAME);
                }
            } catch (RuntimeException e) {
                LOG.warn("{} {}/{}: could not release KEDA's finalizer, retrying: {}", p.getKind(), p.getMetadata().getNamespace(),
                        p.getMetadata().getName(), e.getMessage());
            }
        }
    }

    @Override
    public synchronized void stop() throws OperatorException {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
        super.stop();
    }

    @Override
    public Set<Void> getSecondaryResources(P primary) {
        return Set.of();
    }
}
