package dev.ebbflow.operator.provisioning.interruption;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.operator.observability.InterruptionMetrics;
import dev.ebbflow.operator.provisioning.kube.KarpenterEvents;
import dev.ebbflow.provisioner.aws.InterruptionConsumer;
import dev.ebbflow.provisioner.aws.InterruptionKind;
import dev.ebbflow.provisioner.aws.InterruptionMessage;
import dev.ebbflow.provisioner.aws.InterruptionQueue;
import dev.ebbflow.provisioner.cloud.UnavailableOfferings;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Karpenter's interruption handling: EC2's events from the interruption queue act on the NodeClaims
 * of the instances they name. An instance about to go (spot interruption warning, capacity reservation
 * interruption warning, scheduled change, stopping, terminating) has its NodeClaim deleted, so the
 * normal termination path taints the node, drains it honouring PodDisruptionBudgets and the
 * provisioning loop launches a replacement as the pods go pending; a spot (capacity reservation)
 * interruption also marks its spot (reserved) offering unavailable, so the replacement goes elsewhere. A rebalance recommendation is only recorded as an Event. An event for an instance no
 * NodeClaim owns (another cluster's, or already gone) is dropped. Runs on the leader only, one long
 * poll after another on its own thread.
 */
public final class InterruptionController implements InterruptionConsumer.Handler, AutoCloseable {

    /** How long after the queue could not be read the next poll waits, so an outage is not a busy loop. */
    static final Duration FAILURE_BACKOFF = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(InterruptionController.class);

    private final KubernetesClient client;
    private final UnavailableOfferings unavailable;
    private final KarpenterEvents events;
    private final InterruptionMetrics metrics;
    private final InterruptionQueue queue;
    private final InterruptionConsumer consumer;
    private ScheduledFuture<?> running;

    public InterruptionController(KubernetesClient client, InterruptionQueue queue, UnavailableOfferings unavailable, KarpenterEvents events,
                                  InterruptionMetrics metrics, Clock clock) {
        this.client = client;
        this.unavailable = unavailable;
        this.events = events;
        this.metrics = metrics;
        this.queue = queue;
        this.consumer = new InterruptionConsumer(queue, this, new InterruptionConsumer.Listener() {
            @Override
            public void received(String messageType) {
                metrics.received(messageType);
            }

            @Override
            public void deleted() {
                metrics.deleted();
            }

            @Override
            public void queued(Duration duration) {
                metrics.queued(duration);
            }
        }, clock);
    }

    /** Polls on {@code executor} (a leader-only one of its own: a long poll holds its thread up to 20 s). */
    public synchronized void start(ScheduledExecutorService executor) {
        if (running != null) {
            throw new IllegalStateException("interruption handling already started");
        }
        LOG.info("handling EC2 interruption events from queue {}", queue.name());
        running = executor.scheduleWithFixedDelay(this::pollSafely, 0, 100, TimeUnit.MILLISECONDS);
    }

    private void pollSafely() {
        try {
            consumer.poll();
        } catch (RuntimeException e) {
            LOG.warn("interruption queue {} could not be read, trying again in {} s: {}", queue.name(), FAILURE_BACKOFF.toSeconds(),
                    e.getMessage());
            try {
                Thread.sleep(FAILURE_BACKOFF.toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void handle(InterruptionMessage message) {
        InterruptionKind kind = message.kind();
        if (!kind.isActionable()) {
            return;
        }
        List<NodeClaim> affected = client.resources(NodeClaim.class).list().getItems().stream()
                .filter(c -> c.getStatus() != null && message.concerns(c.getStatus().getProviderID())).toList();
        if (affected.isEmpty()) {
            LOG.debug("{} event {} for {}: no NodeClaim of this cluster runs there", kind.messageType(), message.id(), message.instanceIds());
            return;
        }
        for (NodeClaim claim : affected) {
            act(kind, claim);
        }
    }

    private void act(InterruptionKind kind, NodeClaim claim) {
        String name = claim.getMetadata().getName();
        String message = kind.description() + " for NodeClaim " + name + " (" + claim.getStatus().getProviderID() + ")"
                + (kind.deletesClaim() ? ": deleting it, its pods are drained and replaced" : "");
        String type = kind == InterruptionKind.REBALANCE_RECOMMENDATION ? KarpenterEvents.NORMAL : KarpenterEvents.WARNING;
        LOG.info("{}", message);
        events.record(claim, type, kind.reason(), message);
        node(claim).ifPresent(node -> events.record(node, type, kind.reason(), message));
        kind.unavailableOffering(claim.getMetadata().getLabels())
                .ifPresent(o -> unavailable.markUnavailable(o.instanceType(), o.zone(), o.capacityType()));
        if (!kind.deletesClaim() || claim.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        try {
            client.resources(NodeClaim.class).withName(name).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                return;
            }
            throw e;
        }
        String pool = claim.label(KarpenterLabels.NODE_POOL);
        metrics.nodeClaimDisrupted(kind.messageType(), pool == null ? "" : pool);
    }

    private java.util.Optional<Node> node(NodeClaim claim) {
        String nodeName = claim.getStatus().getNodeName();
        if (nodeName == null || nodeName.isEmpty()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.ofNullable(client.nodes().withName(nodeName).get());
        } catch (KubernetesClientException e) {
            LOG.debug("no event on node {}: {}", nodeName, e.getMessage());
            return java.util.Optional.empty();
        }
    }

    @Override
    public synchronized void close() {
        if (running != null) {
            running.cancel(true);
            running = null;
        }
        queue.close();
    }
}
