package dev.ebbflow.e2e.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeClassReference;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.crds.karpenter.NodeSelectorRequirementWithMinValues;
import dev.ebbflow.crds.karpenter.aws.EC2NodeClass;
import dev.ebbflow.e2e.StartedModule;
import dev.ebbflow.operator.cli.AwsCloudRegistration;
import dev.ebbflow.operator.provisioning.ProvisioningModule;
import dev.ebbflow.operator.provisioning.kube.EvictionApiPodEvictor;
import dev.ebbflow.operator.provisioning.lifecycle.LifecycleSettings;
import dev.ebbflow.operator.provisioning.provisioner.ProvisioningSettings;
import dev.ebbflow.provisioner.aws.AwsSettings;
import dev.ebbflow.provisioner.aws.fake.Ec2World;
import dev.ebbflow.provisioner.aws.fake.FakeEc2Server;
import dev.ebbflow.testkit.Eventually;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The operator's provisioning with the AWS cloud on the real control plane against the fake EC2, and
 * the EC2NodeClass, NodePools, pods and Nodes (registered here, as an instance's kubelet would) of the
 * AWS end-to-end tests. Closing it deletes the pools (and so their claims and instances), the Nodes and the class.
 */
final class AwsControlPlaneFixture implements AutoCloseable {

    final FakeEc2Server ec2;
    final KubernetesClient client;
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final String nodeClass;
    private final StartedModule provisioning;
    private final List<String> nodes = new ArrayList<>();
    private final List<String> pools = new ArrayList<>();
    private final List<String> classes = new ArrayList<>();

    /**
     * Starts the operator and creates the EC2NodeClass, waiting until it resolves Ready.
     *
     * @param interruptionQueue the interruption queue's URL, or empty
     */
    AwsControlPlaneFixture(KubernetesClient client, FakeEc2Server ec2, String nodeClass, String interruptionQueue) {
        this.client = client;
        this.ec2 = ec2;
        this.nodeClass = nodeClass;
        AwsSettings aws = AwsSettings.of(Ec2World.REGION, "e2e-cluster").withEndpoint(ec2.endpoint())
                .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .withRetries(3, Duration.ofMillis(10)).withCluster("https://e2e.example.com", "Q0E=", "10.100.0.0/16")
                .withInterruptionQueue(interruptionQueue).withInstanceStatusPeriod(Duration.ofSeconds(1));
        provisioning = StartedModule.start(AwsCloudRegistration.register(new ProvisioningModule("ebbflow-e2e", new ProvisioningModule.Settings(
                new ProvisioningSettings(Duration.ofMillis(500), Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(50)),
                LifecycleSettings.defaults(), Duration.ofSeconds(1), Duration.ofSeconds(1), EvictionApiPodEvictor::new)),
                Optional.of(aws), "ebbflow-e2e"), client, registry, Clock.systemUTC());
        client.resources(EC2NodeClass.class).resource(Ec2World.nodeClass(nodeClass, "al2023@latest", "KarpenterNodeInstanceProfile-e2e")).create();
        awaitReady(client, nodeClass);
    }

    /** Waits until the class resolves Ready, with its three subnets. */
    static EC2NodeClass awaitReady(KubernetesClient client, String nodeClass) {
        java.util.concurrent.atomic.AtomicReference<EC2NodeClass> ready = new java.util.concurrent.atomic.AtomicReference<>();
        Eventually.within(Duration.ofSeconds(30), () -> {
            EC2NodeClass nc = client.resources(EC2NodeClass.class).withName(nodeClass).get();
            assertThat(nc.getStatus()).isNotNull();
            assertThat(nc.getStatus().getConditions()).anySatisfy(c -> {
                assertThat(c.getType()).isEqualTo("Ready");
                assertThat(c.getStatus()).isEqualTo("True");
            });
            assertThat(nc.getStatus().getSubnets()).hasSize(3);
            ready.set(nc);
        });
        return ready.get();
    }

    /** Creates another EC2NodeClass, deleted on close. */
    void createNodeClass(EC2NodeClass nc) {
        classes.add(nc.getMetadata().getName());
        client.resources(EC2NodeClass.class).resource(nc).create();
    }

    /** A NodePool of the class for c, m or r amd64 types of that capacity type. */
    void createPool(String pool, String capacityType) {
        createPool(pool, nodeClass, List.of(capacityType));
    }

    /** A NodePool of that class for c, m or r amd64 types of those capacity types. */
    void createPool(String pool, String nodeClass, List<String> capacityTypes) {
        pools.add(pool);
        client.resources(NodePool.class).resource(pool(pool, nodeClass, capacityTypes)).create();
    }

    /** Deletes the pool and waits until its claims (and so their instances) are gone. */
    void deletePool(String pool) {
        client.resources(NodePool.class).withName(pool).delete();
        Eventually.within(Duration.ofSeconds(60), () -> assertThat(client.resources(NodeClaim.class)
                .withLabel(KarpenterLabels.NODE_POOL, pool).list().getItems()).isEmpty());
    }

    /** The pool's claims that have launched an instance. */
    List<NodeClaim> launchedClaims(String pool) {
        return client.resources(NodeClaim.class).withLabel(KarpenterLabels.NODE_POOL, pool).list().getItems().stream()
                .filter(c -> c.getStatus() != null && c.getStatus().getProviderID() != null).toList();
    }

    static String instanceId(NodeClaim claim) {
        String providerId = claim.getStatus().getProviderID();
        return providerId.substring(providerId.lastIndexOf('/') + 1);
    }

    /** A pod's spec that only the pool's nodes take: 1 CPU and 1Gi, no grace period (no kubelet confirms its end). */
    static PodSpec podSpec(String pool) {
        return podSpec(pool, "1");
    }

    static PodSpec podSpec(String pool, String cpu) {
        return new PodSpecBuilder().withTerminationGracePeriodSeconds(0L).withNodeSelector(Map.of(KarpenterLabels.NODE_POOL, pool))
                .addNewContainer().withName("app").withImage("registry.example.com/app:1").withNewResources()
                .withRequests(Map.of("cpu", new Quantity(cpu), "memory", new Quantity("1Gi"))).endResources().endContainer().build();
    }

    /** Registers the Node a kubelet on the claim's instance would: its provider ID, the kubelet's labels, capacity and a Ready condition. */
    String registerNode(NodeClaim claim) {
        String nodeName = "ip-" + instanceId(claim) + ".us-west-2.compute.internal";
        String now = Instant.now().toString();
        Map<String, String> labels = new java.util.HashMap<>(Map.of(KarpenterLabels.HOSTNAME, nodeName, KarpenterLabels.ARCH, "amd64",
                KarpenterLabels.OS, "linux"));
        labels.put(KarpenterLabels.INSTANCE_TYPE, claim.getMetadata().getLabels().get(KarpenterLabels.INSTANCE_TYPE));
        labels.put(KarpenterLabels.ZONE, claim.getMetadata().getLabels().get(KarpenterLabels.ZONE));
        Node node = new NodeBuilder().withNewMetadata().withName(nodeName).withLabels(labels).endMetadata()
                .withNewSpec().withProviderID(claim.getStatus().getProviderID()).endSpec()
                .withNewStatus().withCapacity(claim.getStatus().getCapacity()).withAllocatable(claim.getStatus().getAllocatable())
                .withConditions(new NodeCondition(now, now, "kubelet is posting ready status", "KubeletReady", "True", "Ready")).endStatus()
                .build();
        nodes.add(nodeName);
        client.nodes().resource(node).create();
        return nodeName;
    }

    private static NodePool pool(String name, String nodeClass, List<String> capacityTypes) {
        NodePool pool = new NodePool();
        pool.getMetadata().setName(name);
        pool.getSpec().getTemplate().getSpec().setNodeClassRef(new NodeClassReference(EC2NodeClass.GROUP, EC2NodeClass.KIND, nodeClass));
        pool.getSpec().getTemplate().getSpec().setRequirements(new ArrayList<>(List.of(
                new NodeSelectorRequirementWithMinValues("karpenter.k8s.aws/instance-category", "In", List.of("c", "m", "r")),
                new NodeSelectorRequirementWithMinValues(KarpenterLabels.CAPACITY_TYPE, "In", capacityTypes),
                new NodeSelectorRequirementWithMinValues(KarpenterLabels.ARCH, "In", List.of("amd64")))));
        return pool;
    }

    @Override
    public void close() {
        try {
            pools.forEach(this::deletePool);
        } finally {
            provisioning.close();
            nodes.forEach(n -> client.nodes().withName(n).delete());
            client.resources(EC2NodeClass.class).withName(nodeClass).delete();
            classes.forEach(c -> client.resources(EC2NodeClass.class).withName(c).delete());
        }
    }

    /** A test class's end: the fixture (if it started), the namespace and client (if made), then the fake servers. */
    static void stop(AwsControlPlaneFixture aws, KubernetesClient client, String namespace, AutoCloseable... servers) throws Exception {
        try {
            if (aws != null) {
                aws.close();
            }
        } finally {
            if (client != null) {
                client.namespaces().withName(namespace).delete();
                client.close();
            }
            for (AutoCloseable server : servers) {
                server.close();
            }
        }
    }
}
