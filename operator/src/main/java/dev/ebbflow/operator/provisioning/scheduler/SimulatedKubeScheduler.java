package dev.ebbflow.operator.provisioning.scheduler;

import dev.ebbflow.operator.provisioning.provisioner.ExistingNodes;
import dev.ebbflow.provisioner.scheduling.BindingResult;
import dev.ebbflow.provisioner.scheduling.ExistingNode;
import dev.ebbflow.provisioner.scheduling.InvalidInputException;
import dev.ebbflow.provisioner.scheduling.PodConverter;
import dev.ebbflow.provisioner.scheduling.Placement;
import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import dev.ebbflow.provisioner.scheduling.Scheduler;
import dev.ebbflow.provisioner.scheduling.UnschedulablePod;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated cluster's kube-scheduler, for tests and the simulator only (a real cluster has its
 * own; this one is never registered in production): each round it binds the pending pods, oldest
 * first, to Ready nodes with the scheduling core's rules, and marks the pods that fit no node
 * {@code PodScheduled=False, reason Unschedulable}, which is what the provisioner reacts to.
 */
public final class SimulatedKubeScheduler implements AutoCloseable {

    public static final String DEFAULT_SCHEDULER = "default-scheduler";
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedKubeScheduler.class);

    /** What one round did. */
    public record Round(int bound, int unschedulable) {
    }

    private final KubernetesClient client;
    private final PodBinder binder;
    private ScheduledExecutorService executor;

    public SimulatedKubeScheduler(KubernetesClient client, PodBinder binder) {
        this.client = client;
        this.binder = binder;
    }

    public synchronized void start(Duration period) {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ebbflow-simulated-scheduler");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                scheduleOnce();
            } catch (RuntimeException e) {
                LOG.warn("simulated scheduling round failed: {}", e.toString());
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    public synchronized Round scheduleOnce() {
        List<Pod> pods = client.pods().inAnyNamespace().list().getItems();
        List<Node> nodes = client.nodes().list().getItems();
        Map<String, List<Pod>> bound = ExistingNodes.boundPods(pods);
        List<ExistingNode> ready = new ArrayList<>();
        for (Node node : nodes) {
            if (node.getMetadata().getDeletionTimestamp() == null && ExistingNodes.isReady(node)) {
                ready.add(ExistingNodes.asScheduled(node, bound.getOrDefault(node.getMetadata().getName(), List.of())));
            }
        }
        List<Pod> pending = pods.stream().filter(SimulatedKubeScheduler::awaitsScheduling)
                .sorted(Comparator.comparing((Pod p) -> String.valueOf(p.getMetadata().getCreationTimestamp()))
                        .thenComparing(p -> p.getMetadata().getNamespace() + "/" + p.getMetadata().getName()))
                .toList();
        Map<String, Pod> byKey = new HashMap<>();
        List<SchedulablePod> schedulable = new ArrayList<>();
        int unschedulable = 0;
        for (Pod pod : pending) {
            try {
                SchedulablePod s = PodConverter.convert(pod);
                schedulable.add(s);
                byKey.put(s.key(), pod);
            } catch (InvalidInputException e) {
                unschedulable += report(pod, () -> binder.markUnschedulable(pod, e.getMessage()));
            }
        }
        if (schedulable.isEmpty()) {
            return new Round(0, unschedulable);
        }
        BindingResult result = Scheduler.bind(schedulable, ready);
        int boundCount = 0;
        for (Placement p : result.bindings()) {
            Pod pod = byKey.get(p.pod().key());
            boundCount += report(pod, () -> binder.bind(pod, p.target()));
        }
        for (UnschedulablePod u : result.unschedulable()) {
            Pod pod = byKey.get(u.pod().key());
            String message = "0/" + ready.size() + " nodes are available: " + u.reason() + ".";
            unschedulable += report(pod, () -> binder.markUnschedulable(pod, message));
        }
        return new Round(boundCount, unschedulable);
    }

    /** A pod this scheduler is responsible for and that has no node yet. */
    static boolean awaitsScheduling(Pod pod) {
        if (pod.getSpec() == null || pod.getMetadata().getDeletionTimestamp() != null) {
            return false;
        }
        String nodeName = pod.getSpec().getNodeName();
        String scheduler = pod.getSpec().getSchedulerName();
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return (nodeName == null || nodeName.isEmpty()) && (scheduler == null || DEFAULT_SCHEDULER.equals(scheduler))
                && !"Succeeded".equals(phase) && !"Failed".equals(phase);
    }

    /** A write that lost a race (the pod changed or went away) is retried by the next round. */
    private static int report(Pod pod, Runnable write) {
        try {
            write.run();
            return 1;
        } catch (KubernetesClientException e) {
            LOG.debug("pod {}/{} changed meanwhile: {}", pod.getMetadata().getNamespace(), pod.getMetadata().getName(), e.getMessage());
            return 0;
        }
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}
