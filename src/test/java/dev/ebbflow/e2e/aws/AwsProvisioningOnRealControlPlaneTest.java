package dev.ebbflow.e2e.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeClassReference;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.crds.karpenter.NodeSelectorRequirementWithMinValues;
import dev.ebbflow.crds.karpenter.aws.AmiSelectorTerm;
import dev.ebbflow.crds.karpenter.aws.EC2NodeClass;
import dev.ebbflow.crds.karpenter.aws.SecurityGroupSelectorTerm;
import dev.ebbflow.crds.karpenter.aws.SubnetSelectorTerm;
import dev.ebbflow.operator.OperatorContext;
import dev.ebbflow.operator.cli.AwsCloudRegistration;
import dev.ebbflow.operator.provisioning.ProvisioningModule;
import dev.ebbflow.operator.provisioning.kube.EvictionApiPodEvictor;
import dev.ebbflow.operator.provisioning.lifecycle.LifecycleSettings;
import dev.ebbflow.operator.provisioning.provisioner.ProvisioningSettings;
import dev.ebbflow.provisioner.aws.AwsSettings;
import dev.ebbflow.provisioner.aws.fake.Ec2World;
import dev.ebbflow.provisioner.aws.fake.FakeEc2Server;
import dev.ebbflow.testkit.Eventually;
import dev.ebbflow.testkit.kube.ControlPlane;
import dev.ebbflow.testkit.kube.Crds;
import dev.ebbflow.testkit.kube.RealControlPlane;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * A NodePool of an EC2NodeClass on the real control plane, against the fake EC2: the EC2NodeClass
 * resolves Ready, pending pods get a NodeClaim launched as the cheapest c/m/r type through CreateFleet,
 * the instance's Node registers (created here, as its kubelet would), kube-scheduler binds the pod on
 * it, and deleting the claim terminates the instance.
 */
@ExtendWith(RealControlPlane.class)
class AwsProvisioningOnRealControlPlaneTest {

    private static final String POOL = "e2e-aws";
    private static final String NODE_CLASS = "e2e-aws";

    @Test
    void pendingPodsGetTheExpectedInstanceTypeAndTheInstanceGoesWithItsClaim(ControlPlane cp) throws Exception {
        try (FakeEc2Server ec2 = Ec2World.seed(new FakeEc2Server(Ec2World.REGION)); KubernetesClient client = cp.newClient()) {
            Crds.applyRepositoryCrds(client);
            AwsSettings aws = AwsSettings.of(Ec2World.REGION, "e2e-cluster").withEndpoint(ec2.endpoint())
                    .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                    .withRetries(3, Duration.ofMillis(10)).withCluster("https://e2e.example.com", "Q0E=", "10.100.0.0/16");
            ProvisioningModule module = AwsCloudRegistration.register(new ProvisioningModule("ebbflow-e2e", new ProvisioningModule.Settings(
                    new ProvisioningSettings(Duration.ofMillis(500), Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(50)),
                    LifecycleSettings.defaults(), Duration.ofSeconds(1), Duration.ofSeconds(1), EvictionApiPodEvictor::new)),
                    Optional.of(aws), "ebbflow-e2e");
            Operator operator = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false).withUseSSAToPatchPrimaryResource(false)
                    .withSSABasedCreateUpdateMatchForDependentResources(false).checkingCRDAndValidateLocalModel(false));
            module.register(operator, new OperatorContext(client, null, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), Clock.systemUTC()));
            operator.start();
            String namespace = cp.createNamespace(client, "e2e-aws");
            List<String> nodes = new ArrayList<>();
            try {
                client.resources(EC2NodeClass.class).resource(nodeClass()).create();
                Eventually.within(Duration.ofSeconds(30), () -> {
                    EC2NodeClass nc = client.resources(EC2NodeClass.class).withName(NODE_CLASS).get();
                    assertThat(nc.getStatus()).isNotNull();
                    assertThat(nc.getStatus().getConditions()).anySatisfy(c -> {
                        assertThat(c.getType()).isEqualTo("Ready");
                        assertThat(c.getStatus()).isEqualTo("True");
                    });
                    assertThat(nc.getStatus().getSubnets()).hasSize(3);
                });
                client.resources(NodePool.class).resource(pool()).create();
                Eventually.within(Duration.ofSeconds(30), () -> assertThat(client.serviceAccounts().inNamespace(namespace).withName("default").get()).isNotNull());
                client.pods().inNamespace(namespace).resource(pod(namespace, "web")).create();

                java.util.concurrent.atomic.AtomicReference<NodeClaim> claim = new java.util.concurrent.atomic.AtomicReference<>();
                Eventually.within(Duration.ofSeconds(60), () -> {
                    List<NodeClaim> claims = client.resources(NodeClaim.class).withLabel(KarpenterLabels.NODE_POOL, POOL).list().getItems();
                    assertThat(claims).singleElement().satisfies(c -> assertThat(c.getStatus().getProviderID()).startsWith("aws:///"));
                    claim.set(claims.get(0));
                });
                NodeClaim launched = claim.get();
                // The cheapest on-demand amd64 c, m or r type that holds 1 CPU and 1Gi.
                assertThat(launched.getMetadata().getLabels()).containsEntry(KarpenterLabels.INSTANCE_TYPE, "c5.large")
                        .containsEntry("karpenter.k8s.aws/instance-category", "c");
                String launchedId = launched.getStatus().getProviderID().substring(launched.getStatus().getProviderID().lastIndexOf('/') + 1);
                Instance instance = ec2.runningInstances().stream().filter(i -> i.instanceId().equals(launchedId)).findFirst().orElseThrow();
                assertThat(instance.tags()).anySatisfy(t -> assertThat(t.key() + "=" + t.value()).isEqualTo("karpenter.sh/nodeclaim=" + launched.getMetadata().getName()))
                        .anySatisfy(t -> assertThat(t.key() + "=" + t.value()).isEqualTo("kubernetes.io/cluster/e2e-cluster=owned"));

                // The instance's kubelet would register its Node; no kubelet runs here.
                String nodeName = "ip-" + instance.instanceId() + ".us-west-2.compute.internal";
                nodes.add(nodeName);
                client.nodes().resource(node(nodeName, launched)).create();
                Eventually.within(Duration.ofSeconds(60), () -> assertThat(client.pods().inNamespace(namespace).withName("web").get().getSpec().getNodeName())
                        .isEqualTo(nodeName));

                // No kubelet confirms the pod's end: it is removed as the kubelet would once it stopped.
                client.pods().inNamespace(namespace).withName("web").withGracePeriod(0).delete();
                Eventually.within(Duration.ofSeconds(30), () -> assertThat(client.pods().inNamespace(namespace).withName("web").get()).isNull());
                client.resources(NodeClaim.class).withName(launched.getMetadata().getName()).delete();
                Eventually.within(Duration.ofSeconds(60), () -> {
                    assertThat(ec2.runningInstances()).extracting(Instance::instanceId).doesNotContain(instance.instanceId());
                    assertThat(client.resources(NodeClaim.class).withName(launched.getMetadata().getName()).get()).isNull();
                });
                assertThat(ec2.requests("TerminateInstances")).anySatisfy(r -> assertThat(r.list("InstanceId")).containsExactly(instance.instanceId()));
                // Whatever else the pool launched goes with the pool: nothing is left running.
                client.resources(NodePool.class).withName(POOL).delete();
                Eventually.within(Duration.ofSeconds(60), () -> {
                    assertThat(client.resources(NodeClaim.class).withLabel(KarpenterLabels.NODE_POOL, POOL).list().getItems()).isEmpty();
                    assertThat(ec2.runningInstances()).isEmpty();
                });
            } finally {
                client.resources(NodePool.class).withName(POOL).delete();
                Eventually.within(Duration.ofSeconds(60), () -> assertThat(client.resources(NodeClaim.class)
                        .withLabel(KarpenterLabels.NODE_POOL, POOL).list().getItems()).isEmpty());
                module.close();
                operator.stop();
                nodes.forEach(n -> client.nodes().withName(n).delete());
                client.resources(EC2NodeClass.class).withName(NODE_CLASS).delete();
                client.namespaces().withName(namespace).delete();
            }
        }
    }

    private static EC2NodeClass nodeClass() {
        EC2NodeClass nc = new EC2NodeClass();
        nc.getMetadata().setName(NODE_CLASS);
        nc.getSpec().setInstanceProfile("KarpenterNodeInstanceProfile-e2e");
        AmiSelectorTerm ami = new AmiSelectorTerm();
        ami.setAlias("al2023@latest");
        nc.getSpec().setAmiSelectorTerms(List.of(ami));
        SubnetSelectorTerm subnets = new SubnetSelectorTerm();
        subnets.setTags(Ec2World.DISCOVERY);
        nc.getSpec().setSubnetSelectorTerms(List.of(subnets));
        SecurityGroupSelectorTerm groups = new SecurityGroupSelectorTerm();
        groups.setTags(Ec2World.DISCOVERY);
        nc.getSpec().setSecurityGroupSelectorTerms(List.of(groups));
        return nc;
    }

    private static NodePool pool() {
        NodePool pool = new NodePool();
        pool.getMetadata().setName(POOL);
        pool.getSpec().getTemplate().getSpec().setNodeClassRef(new NodeClassReference(EC2NodeClass.GROUP, EC2NodeClass.KIND, NODE_CLASS));
        pool.getSpec().getTemplate().getSpec().setRequirements(new ArrayList<>(List.of(
                new NodeSelectorRequirementWithMinValues("karpenter.k8s.aws/instance-category", "In", List.of("c", "m", "r")),
                new NodeSelectorRequirementWithMinValues(KarpenterLabels.CAPACITY_TYPE, "In", List.of("on-demand")),
                new NodeSelectorRequirementWithMinValues(KarpenterLabels.ARCH, "In", List.of("amd64")))));
        return pool;
    }

    private static Pod pod(String namespace, String name) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withTerminationGracePeriodSeconds(0L).withNodeSelector(Map.of(KarpenterLabels.NODE_POOL, POOL))
                .addNewContainer().withName("app").withImage("registry.example.com/app:1").withNewResources()
                .withRequests(Map.of("cpu", new Quantity("1"), "memory", new Quantity("1Gi"))).endResources().endContainer()
                .endSpec().build();
    }

    /** The Node a kubelet on the instance would register: its provider ID, the kubelet's labels, capacity and a Ready condition. */
    private static Node node(String name, NodeClaim claim) {
        String now = Instant.now().toString();
        Map<String, String> labels = new java.util.HashMap<>(Map.of(KarpenterLabels.HOSTNAME, name, KarpenterLabels.ARCH, "amd64",
                KarpenterLabels.OS, "linux"));
        labels.put(KarpenterLabels.INSTANCE_TYPE, claim.getMetadata().getLabels().get(KarpenterLabels.INSTANCE_TYPE));
        labels.put(KarpenterLabels.ZONE, claim.getMetadata().getLabels().get(KarpenterLabels.ZONE));
        return new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewSpec().withProviderID(claim.getStatus().getProviderID()).endSpec()
                .withNewStatus().withCapacity(claim.getStatus().getCapacity()).withAllocatable(claim.getStatus().getAllocatable())
                .withConditions(new NodeCondition(now, now, "kubelet is posting ready status", "KubeletReady", "True", "Ready")).endStatus()
                .build();
    }
}
