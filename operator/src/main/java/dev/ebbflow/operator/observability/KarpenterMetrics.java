package dev.ebbflow.operator.observability;

import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Offering;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.MultiCollector;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The provisioning side's metrics under Karpenter's names and label names (karpenter.sh metrics
 * reference), so Karpenter dashboards keep working: NodeClaim and Node creation/termination counters,
 * scheduling duration and queue depth, pod startup duration, NodePool usage and limits, cloud provider
 * call durations and errors.
 */
public final class KarpenterMetrics {
    /** Karpenter's duration buckets (seconds), shared by its scheduling and cloud provider histograms. */
    private static final double[] DURATION_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7,
        0.8, 0.9, 1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50, 60, 120, 150, 300, 450, 600};

    private static final String NODECLAIMS_CREATED = "karpenter_nodeclaims_created";
    private static final String NODES_CREATED = "karpenter_nodes_created";
    static final String NODECLAIMS_DISRUPTED = "karpenter.nodeclaims.disrupted";
    static final String NODECLAIMS_DISRUPTED_HELP =
            "Number of nodeclaims disrupted in total by Karpenter. Labeled by reason the nodeclaim was disrupted and the owning nodepool.";

    private final PrometheusMeterRegistry registry;
    // The "_created" counters cannot be named through Micrometer; see ExactNameMetrics.
    private final ExactNameMetrics created = new ExactNameMetrics();
    private final MeterFamily nodeClaimsTerminated;
    private final MeterFamily nodesTerminated;
    private final MeterFamily queueDepth;
    private final MeterFamily nodePoolUsage;
    private final MeterFamily nodePoolLimit;
    private final MeterFamily cloudProviderErrors;
    private final MeterFamily nodeClaimsDisrupted;
    private final MeterFamily disruptionDecisions;
    private final MeterFamily offeringPrice;
    private final MeterFamily eligibleNodes;
    private final MeterFamily allowedDisruptions;
    private final MeterFamily instancesGarbageCollected;
    private final Timer podStartup;
    private final ConcurrentMap<List<String>, Timer> timers = new ConcurrentHashMap<>();

    public KarpenterMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
        created.declare(ExactNameMetrics.Kind.COUNTER, NODECLAIMS_CREATED,
                "Number of nodeclaims created in total by Karpenter. Labeled by reason the nodeclaim was created and the owning nodepool.",
                "reason", "nodepool");
        created.declare(ExactNameMetrics.Kind.COUNTER, NODES_CREATED,
                "Number of nodes created in total by Karpenter. Labeled by owning node pool.", "nodepool");
        registry.getPrometheusRegistry().register(created);
        nodeClaimsTerminated = new MeterFamily(registry, MeterFamily.Kind.COUNTER, "karpenter.nodeclaims.terminated",
                "Number of nodeclaims terminated in total by Karpenter. Labeled by the owning nodepool, capacity type, and zone.",
                null, "nodepool", "capacity_type", "zone");
        nodesTerminated = new MeterFamily(registry, MeterFamily.Kind.COUNTER, "karpenter.nodes.terminated",
                "Number of nodes terminated in total by Karpenter. Labeled by owning node pool.", null, "nodepool");
        queueDepth = new MeterFamily(registry, MeterFamily.Kind.GAUGE, "karpenter.scheduler.queue.depth",
                "The number of pods currently waiting to be scheduled.", null, "controller");
        nodePoolUsage = new MeterFamily(registry, MeterFamily.Kind.GAUGE, "karpenter.nodepools.usage",
                "The amount of resources that have been provisioned for a nodepool. Labeled by nodepool name and resource type.",
                null, "nodepool", "resource_type");
        nodePoolLimit = new MeterFamily(registry, MeterFamily.Kind.GAUGE, "karpenter.nodepools.limit",
                "Limits specified on the nodepool that restrict the quantity of resources provisioned. Labeled by nodepool name and resource type.",
                null, "nodepool", "resource_type");
        cloudProviderErrors = new MeterFamily(registry, MeterFamily.Kind.COUNTER, "karpenter.cloudprovider.errors",
                "Total number of errors returned from CloudProvider calls.", null, "controller", "method", "provider", "error");
        nodeClaimsDisrupted = new MeterFamily(registry, MeterFamily.Kind.COUNTER, NODECLAIMS_DISRUPTED, NODECLAIMS_DISRUPTED_HELP,
                null, "reason", "nodepool");
        disruptionDecisions = new MeterFamily(registry, MeterFamily.Kind.COUNTER, "karpenter.voluntary.disruption.decisions",
                "Number of disruption decisions performed. Labeled by disruption decision, reason, and consolidation type.",
                null, "decision", "reason", "consolidation_type");
        offeringPrice = new MeterFamily(registry, MeterFamily.Kind.GAUGE, "karpenter.cloudprovider.instance.type.offering.price.estimate",
                "Instance type offering estimated hourly price used when making informed decisions on node cost calculation, based on instance type,"
                        + " capacity type, and zone.", null, "instance_type", "capacity_type", "zone");
        eligibleNodes = new MeterFamily(registry, MeterFamily.Kind.GAUGE, "karpenter.voluntary.disruption.eligible.nodes",
                "Number of nodes eligible for disruption by Karpenter. Labeled by disruption reason.", null, "reason");
        allowedDisruptions = new MeterFamily(registry, MeterFamily.Kind.GAUGE, "karpenter.nodepools.allowed.disruptions",
                "The number of nodes for a given NodePool that can be concurrently disrupting at a point in time. Labeled by NodePool."
                        + " Note that allowed disruptions can change very rapidly, as new nodes may be created and others may be deleted at any point.",
                null, "nodepool", "reason");
        // Karpenter only logs the leaked instances it terminates; this counts them.
        instancesGarbageCollected = new MeterFamily(registry, MeterFamily.Kind.COUNTER, "ebbflow.cloudprovider.instances.garbage.collected",
                "Number of leaked cloud instances (launched for this cluster, owned by no NodeClaim) terminated by garbage collection. "
                        + "Labeled by provider.", null, "provider");
        podStartup = Timer.builder("karpenter.pods.startup.duration")
                .description("The time from pod creation until the pod is running.")
                .publishPercentiles(0.0, 0.5, 0.9, 0.99, 1.0)
                .register(registry);
    }

    /** Adds metrics read at each scrape, such as {@link ProvisioningStateMetrics}, until the returned handle is run. */
    public Runnable observe(MultiCollector collector) {
        registry.getPrometheusRegistry().register(collector);
        return () -> registry.getPrometheusRegistry().unregister(collector);
    }

    /** @param reason why the claim was made: {@code provisioning}, or a disruption reason such as {@code drifted} */
    public void nodeClaimCreated(String reason, String nodePool) {
        created.add(NODECLAIMS_CREATED, List.of(reason, nodePool), 1);
    }

    /** @param reason Karpenter's reason label: {@code empty}, {@code expired}, {@code liveness}, ... */
    public void nodeClaimDisrupted(String reason, String nodePool) {
        nodeClaimsDisrupted.increment(List.of(reason, nodePool), 1);
    }

    /** A voluntary disruption the disruption controller carried out, e.g. decision {@code delete}, reason {@code empty}. */
    public void disruptionDecision(String decision, String reason, String consolidationType) {
        disruptionDecisions.increment(List.of(decision, reason, consolidationType), 1);
    }

    /** @param reason the disruption method's reason in lower case: {@code empty}, {@code drifted}, {@code underutilized} */
    public void setEligibleNodes(String reason, int nodes) {
        eligibleNodes.set(List.of(reason), nodes);
    }

    /** @param reason as the NodePool's budgets name it: {@code Empty}, {@code Drifted}, {@code Underutilized} */
    public void setAllowedDisruptions(String nodePool, String reason, int nodes) {
        allowedDisruptions.set(List.of(nodePool, reason), nodes);
    }

    public void removeAllowedDisruptions(String nodePool, String reason) {
        allowedDisruptions.remove(List.of(nodePool, reason));
    }

    /**
     * @param method            the disruption method's reason in lower case
     * @param consolidationType {@code empty}, {@code single}, {@code multi}, or {@code ""} for drift
     */
    public void recordDisruptionEvaluation(String method, String consolidationType, Duration duration) {
        timer("karpenter.voluntary.disruption.decision.evaluation.duration", "Duration of the disruption decision evaluation process in seconds."
                + " Labeled by method and consolidation type.", List.of("method", method, "consolidation_type", consolidationType)).record(duration);
    }

    /** The hourly price of every offering in a catalog, for cost panels (price × running instances). */
    public void setOfferingPrices(List<InstanceType> instanceTypes) {
        for (InstanceType type : instanceTypes) {
            for (Offering offering : type.offerings()) {
                offeringPrice.set(List.of(type.name(), offering.capacityType(), offering.zone()), offering.pricePerHour());
            }
        }
    }

    public void nodeClaimTerminated(String nodePool, String capacityType, String zone) {
        nodeClaimsTerminated.increment(List.of(nodePool, capacityType, zone), 1);
    }

    /** A leaked instance terminated by garbage collection. */
    public void instanceGarbageCollected(String provider) {
        instancesGarbageCollected.increment(List.of(provider), 1);
    }

    public void nodeCreated(String nodePool) {
        created.add(NODES_CREATED, List.of(nodePool), 1);
    }

    public void nodeTerminated(String nodePool) {
        nodesTerminated.increment(List.of(nodePool), 1);
    }

    /** @param controller the controller that ran the simulation, e.g. {@code provisioner} or {@code disruption} */
    public void recordSchedulingDuration(String controller, Duration duration) {
        timer("karpenter.scheduler.scheduling.duration", "Duration of scheduling simulations used for deprovisioning and provisioning in seconds.",
                List.of("controller", controller)).record(duration);
    }

    public void setSchedulerQueueDepth(String controller, int pods) {
        queueDepth.set(List.of(controller), pods);
    }

    public void recordPodStartup(Duration creationToRunning) {
        podStartup.record(creationToRunning);
    }

    /**
     * @param resourceType a resource name such as {@code cpu}, {@code memory}, {@code nodes}
     * @param value        in the resource's base unit (cores, bytes, count)
     */
    public void setNodePoolUsage(String nodePool, String resourceType, double value) {
        nodePoolUsage.set(List.of(nodePool, resourceType), value);
    }

    public void setNodePoolLimit(String nodePool, String resourceType, double value) {
        nodePoolLimit.set(List.of(nodePool, resourceType), value);
    }

    /** Drops a deleted NodePool's usage and limit series. */
    public void removeNodePool(String nodePool, Iterable<String> resourceTypes) {
        for (String resourceType : resourceTypes) {
            nodePoolUsage.remove(List.of(nodePool, resourceType));
            nodePoolLimit.remove(List.of(nodePool, resourceType));
        }
    }

    /** One call to the cloud: its duration, and when {@code error} is non-null, an error count by error kind. */
    public void recordCloudProviderCall(String controller, String method, String provider, Duration duration, String error) {
        timer("karpenter.cloudprovider.duration", "Duration of cloud provider method calls. Labeled by the controller, method name and provider.",
                List.of("controller", controller, "method", method, "provider", provider)).record(duration);
        if (error != null) {
            cloudProviderErrors.increment(List.of(controller, method, provider, error), 1);
        }
    }

    private Timer timer(String name, String description, List<String> tags) {
        List<String> key = new java.util.ArrayList<>(tags);
        key.add(0, name);
        return timers.computeIfAbsent(key, k -> Timer.builder(name)
                .description(description)
                .tags(tags.toArray(String[]::new))
                .serviceLevelObjectives(Buckets.seconds(DURATION_BUCKETS))
                .register(registry));
    }
}
