package dev.ebbflow.operator.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.keda.KedaCondition;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.crds.keda.scaledobject.ScaledObjectStatus;
import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Offering;
import dev.ebbflow.provisioner.catalog.ResourceList;
import dev.ebbflow.testkit.Eventually;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every metric family the operator exports, made to exist by driving each class that owns one (KEDA's and
 * Karpenter's metrics, the fleet and ScaledObject state read at scrape time, the metrics API's request
 * metrics, the build and runtime metrics) and read back from a real {@link ObservabilityServer}'s /metrics:
 * what dashboards and alerting rules may name.
 */
public final class ExportedMetrics {
    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private ExportedMetrics() {
    }

    /** The sample and family names of one scrape. */
    public static Set<String> names() throws Exception {
        return names(scrape());
    }

    static Set<String> names(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                names.add(line.split(" ")[2]);
            }
        }
        ScrapedMetrics.samples(exposition).forEach(s -> names.add(s.name()));
        return names;
    }

    static String scrape() throws Exception {
        try (ScrapedMetrics endpoint = new ScrapedMetrics(); RuntimeMetrics runtime = new RuntimeMetrics(endpoint.registry)) {
            new BuildInfo("0.1.0", "abc123").register(endpoint.registry);
            // jvm_gc_pause_seconds appears at the first collection the JVM reports.
            Eventually.within(Duration.ofSeconds(10), () -> {
                System.gc();
                assertThat(endpoint.registry.find("jvm.gc.pause").timer()).isNotNull();
            });
            driveKeda(new KedaMetrics(endpoint.registry, "0.1.0", "abc123"));
            KarpenterMetrics karpenter = new KarpenterMetrics(endpoint.registry);
            driveKarpenter(karpenter);
            karpenter.observe(new ProvisioningStateMetrics(() -> List.of(node()), () -> List.of(claim()), () -> List.of(pendingPod(), boundPod()),
                    Clock.fixed(NOW, ZoneOffset.UTC)));
            endpoint.registry.getPrometheusRegistry().register(new ScaledObjectStateMetrics(() -> List.of(scaledObject())));
            new MetricsApiRequestMetrics(endpoint.registry).record("GET", "/apis/external.metrics.k8s.io/v1beta1/namespaces/shop/s0-rabbitmq-orders", 200,
                    Duration.ofMillis(3));
            return endpoint.scrape();
        }
    }

    /** Every KEDA metric, for trigger 0 of ScaledObject shop/orders and ScaledJob shop/batch. */
    static void driveKeda(KedaMetrics keda) {
        KedaMetrics.Scaler orders = KedaMetrics.Scaler.ofScaledObject("shop", "orders", "rabbitMQScaler", 0, "s0-rabbitmq-orders");
        keda.recordScalerValue(orders, 12);
        keda.recordScalerLatency(orders, Duration.ofMillis(250));
        keda.setScalerActive(orders, true);
        keda.recordScalerError(orders);
        keda.setScaledObjectPaused("shop", "orders", false);
        keda.recordScaledJobError("shop", "batch");
        keda.recordScaleLoopLatency("shop", KedaMetrics.ResourceType.SCALED_OBJECT, "orders", Duration.ofMillis(40));
        keda.resourceRegistered(KedaMetrics.SCALED_OBJECT_RESOURCE, "shop");
        keda.triggerRegistered("rabbitmq");
    }

    /** Every Karpenter metric that is recorded as it happens, for NodePool default. */
    static void driveKarpenter(KarpenterMetrics karpenter) {
        karpenter.nodeClaimCreated("provisioning", "default");
        karpenter.nodeClaimCreated("provisioning", "default");
        karpenter.nodeClaimTerminated("default", "spot", "zone-a");
        karpenter.nodeCreated("default");
        karpenter.nodeTerminated("default");
        karpenter.recordSchedulingDuration("provisioner", Duration.ofMillis(300));
        karpenter.setSchedulerQueueDepth("provisioner", 17);
        karpenter.recordPodStartup(Duration.ofSeconds(42));
        karpenter.setNodePoolUsage("default", "cpu", 12);
        karpenter.setNodePoolLimit("default", "cpu", 1000);
        karpenter.recordCloudProviderCall("nodeclaim.lifecycle", "Create", "simulated", Duration.ofMillis(20), null);
        karpenter.recordCloudProviderCall("nodeclaim.lifecycle", "Create", "simulated", Duration.ofMillis(20), "InsufficientCapacityError");
        karpenter.nodeClaimDisrupted("empty", "default");
        karpenter.disruptionDecision("delete", "empty", "empty");
        karpenter.setOfferingPrices(List.of(new InstanceType("c-4x-amd64", ResourceList.parse(Map.of("cpu", "4")), ResourceList.EMPTY, "amd64",
                Set.of("linux"), Map.of(), Set.of(), List.of(new Offering("zone-a", "spot", 0.05, true), new Offering("zone-a", "on-demand", 0.17, true)))));
    }

    static Node node() {
        return new NodeBuilder().withNewMetadata().withName("default-abcde").withLabels(Map.of(KarpenterLabels.NODE_POOL, "default",
                KarpenterLabels.INSTANCE_TYPE, "c-4x-amd64", KarpenterLabels.CAPACITY_TYPE, "spot", KarpenterLabels.ZONE, "zone-a", KarpenterLabels.ARCH,
                "amd64")).endMetadata()
                .withNewStatus().withAllocatable(Map.of("cpu", new Quantity("3900m"), "memory", new Quantity("7Gi"), "ephemeral-storage",
                        new Quantity("20Gi"))).endStatus().build();
    }

    static NodeClaim claim() {
        NodeClaim claim = new NodeClaim();
        claim.getMetadata().setName("default-fghij");
        claim.getMetadata().setCreationTimestamp(NOW.minusSeconds(90).toString());
        claim.getMetadata().setLabels(Map.of(KarpenterLabels.NODE_POOL, "default"));
        return claim;
    }

    static Pod pendingPod() {
        return new PodBuilder().withNewMetadata().withName("web-0").withNamespace("shop").withCreationTimestamp(NOW.minusSeconds(30).toString())
                .endMetadata().withNewSpec().endSpec().withNewStatus().withPhase("Pending").endStatus().build();
    }

    static Pod boundPod() {
        return new PodBuilder().withNewMetadata().withName("web-1").withNamespace("shop").withCreationTimestamp(NOW.minusSeconds(300).toString())
                .endMetadata().withNewSpec().withNodeName("default-abcde").addNewContainer().withName("app").withNewResources()
                .withRequests(Map.of("cpu", new Quantity("1500m"), "memory", new Quantity("1Gi"))).endResources().endContainer().endSpec()
                .withNewStatus().withPhase("Running").endStatus().build();
    }

    static ScaledObject scaledObject() {
        ScaledObject so = new ScaledObject();
        so.getMetadata().setName("orders");
        so.getMetadata().setNamespace("shop");
        ScaledObjectStatus status = new ScaledObjectStatus();
        status.setConditions(List.of(new KedaCondition("Ready", "False", "ScaledObjectCheckFailed", "spec.triggers[0].metadata.queueName: required"),
                new KedaCondition("Fallback", "True", "FallbackExists", "using fallback")));
        so.setStatus(status);
        return so;
    }
}
