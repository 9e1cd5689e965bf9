package dev.ebbflow.operator.startup;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the CRDs the operator needs: each is reported in the gauge {@code ebbflow_crd_installed}
 * (1 when Established, else 0), a missing one is named in one log line with the command that
 * installs it, and listeners hear of every change so that its controllers start without a restart.
 */
public final class InstalledCrds implements CrdAvailability {

    public static final String GAUGE = "ebbflow_crd_installed";

    private static final Logger LOG = LoggerFactory.getLogger(InstalledCrds.class);

    private final Set<String> required;
    private final Map<String, Boolean> established = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final List<SharedIndexInformer<CustomResourceDefinition>> informers = new CopyOnWriteArrayList<>();
    private volatile boolean synced;

    /**
     * Lists the required CRDs (so an unreachable or forbidden API server fails here, at start) and watches them.
     *
     * @param required CRD names, e.g. {@code nodepools.karpenter.sh}
     */
    public InstalledCrds(KubernetesClient client, Set<String> required, MeterRegistry registry) {
        this.required = new TreeSet<>(required);
        for (String crd : this.required) {
            established.put(crd, false);
            Gauge.builder(GAUGE, () -> established.getOrDefault(crd, false) ? 1 : 0)
                    .description("Whether a CustomResourceDefinition Ebbflow serves is installed and Established (1) or not (0)")
                    .tag("crd", crd)
                    .register(registry);
        }
        for (String crd : this.required) {
            // One watch per name: a cluster's other CRDs (some of them megabytes of schema) stay out of memory.
            SharedIndexInformer<CustomResourceDefinition> informer = client.apiextensions().v1().customResourceDefinitions().withName(crd)
                    .runnableInformer(0);
            informer.addEventHandler(handler());
            informers.add(informer);
        }
        try {
            for (SharedIndexInformer<CustomResourceDefinition> informer : informers) {
                informer.run();
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        synced = true;
        for (String crd : this.required) {
            if (!established.get(crd)) {
                LOG.warn(missing(crd));
            }
        }
    }

    private ResourceEventHandler<CustomResourceDefinition> handler() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(CustomResourceDefinition crd) {
                update(crd.getMetadata().getName(), isEstablished(crd));
            }

            @Override
            public void onUpdate(CustomResourceDefinition before, CustomResourceDefinition after) {
                update(after.getMetadata().getName(), isEstablished(after));
            }

            @Override
            public void onDelete(CustomResourceDefinition crd, boolean unknownFinalState) {
                update(crd.getMetadata().getName(), false);
            }
        };
    }

    /** The log line for a missing CRD: what stops working and the command that installs it. */
    static String missing(String crd) {
        return "CRD " + crd + " is not installed (or not yet Established): its controllers wait for it; install it with "
                + "`kubectl apply -f crds/" + crd + "-v1.yml` (all of them: `kubectl apply -f crds/`)";
    }

    /** Established=True, as the API server sets once it serves the resource. */
    public static boolean isEstablished(CustomResourceDefinition crd) {
        List<CustomResourceDefinitionCondition> conditions = crd.getStatus() == null ? null : crd.getStatus().getConditions();
        return conditions != null && conditions.stream().anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private void update(String crd, boolean now) {
        if (!required.contains(crd)) {
            return;
        }
        Boolean before = established.put(crd, now);
        if (before != null && before == now) {
            return;
        }
        if (synced) {
            if (now) {
                LOG.info("CRD {} is installed: starting what waited for it", crd);
            } else {
                LOG.warn(missing(crd));
            }
        }
        listeners.forEach(Runnable::run);
    }

    @Override
    public boolean established(String crd) {
        return established.getOrDefault(crd, false);
    }

    /** The required CRDs that are not Established now, in name order. */
    public Set<String> missing() {
        Set<String> out = new TreeSet<>();
        established.forEach((crd, ok) -> {
            if (!ok) {
                out.add(crd);
            }
        });
        return out;
    }

    /** Whether every CRD watch still runs (a stopped one would miss an install). */
    public boolean isWatching() {
        return informers.stream().allMatch(i -> i.isRunning() && i.isWatching());
    }

    @Override
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
    }
}
