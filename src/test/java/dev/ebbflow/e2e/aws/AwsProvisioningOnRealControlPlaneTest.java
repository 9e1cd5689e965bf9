package dev.ebbflow.e2e.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.crds.karpenter.aws.EC2NodeClass;
import dev.ebbflow.provisioner.aws.Ec2NodeClassStatusController;
import dev.ebbflow.provisioner.aws.fake.Ec2World;
import dev.ebbflow.provisioner.aws.fake.ElasticMq;
import dev.ebbflow.provisioner.aws.fake.FakeEc2Server;
import dev.ebbflow.provisioner.aws.fake.InterruptionEvents;
import dev.ebbflow.testkit.Eventually;
import dev.ebbflow.testkit.kube.ControlPlane;
import dev.ebbflow.testkit.kube.Crds;
import dev.ebbflow.testkit.kube.RealControlPlane;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * NodePools of an EC2NodeClass on the real control plane, against the fake EC2 and an interruption
 * queue on ElasticMQ. The EC2NodeClass resolves Ready; pending pods get a NodeClaim launched as the
 * cheapest c/m/r type through CreateFleet, the instance's Node registers (created here, as its kubelet
 * would), kube-scheduler binds the pod on it, and deleting the claim terminates the instance. A spot
 * interruption warning for a launched instance drains its node and replaces it on another offering. A
 * class that names a role gets an instance profile, deleted with the class through its finalizer.
 */
@ExtendWith(RealControlPlane.class)
class AwsProvisioningOnRealControlPlaneTest {

    private static FakeEc2Server ec2;
    private static ElasticMq sqs;
    private static String queue;
    private static KubernetesClient client;
    private static AwsControlPlaneFixture aws;
    private static String namespace;

    @BeforeAll
    static void start(ControlPlane cp) throws Exception {
        ec2 = Ec2World.seed(new FakeEc2Server(Ec2World.REGION));
        sqs = new ElasticMq();
        queue = sqs.createQueue("e2e-interruptions", 30);
        client = cp.newClient();
        Crds.applyRepositoryCrds(client);
        namespace = cp.createNamespace(client, "e2e-aws");
        aws = new AwsControlPlaneFixture(client, ec2, "e2e-aws", queue);
        Eventually.within(Duration.ofSeconds(30), () -> assertThat(client.serviceAccounts().inNamespace(namespace).withName("default").get()).isNotNull());
    }

    @AfterAll
    static void stop() throws Exception {
        AwsControlPlaneFixture.stop(aws, client, namespace, sqs, ec2);
    }

    @Test
    void pendingPodsGetTheExpectedInstanceTypeAndTheInstanceGoesWithItsClaim() {
        String pool = "e2e-aws";
        aws.createPool(pool, "on-demand");
        client.pods().inNamespace(namespace).resource(new PodBuilder().withNewMetadata().withName("web").withNamespace(namespace).endMetadata()
                .withSpec(AwsControlPlaneFixture.podSpec(pool)).build()).create();

        AtomicReference<NodeClaim> claim = new AtomicReference<>();
        Eventually.within(Duration.ofSeconds(60), () -> {
            List<NodeClaim> claims = aws.launchedClaims(pool);
            assertThat(claims).singleElement().satisfies(c -> assertThat(c.getStatus().getProviderID()).startsWith("aws:///"));
            claim.set(claims.get(0));
        });
        NodeClaim launched = claim.get();
        // The cheapest on-demand amd64 c, m or r type that holds 1 CPU and 1Gi.
        assertThat(launched.getMetadata().getLabels()).containsEntry(KarpenterLabels.INSTANCE_TYPE, "c5.large")
                .containsEntry("karpenter.k8s.aws/instance-category", "c");
        String launchedId = AwsControlPlaneFixture.instanceId(launched);
        Instance instance = ec2.runningInstances().stream().filter(i -> i.instanceId().equals(launchedId)).findFirst().orElseThrow();
        assertThat(instance.tags()).anySatisfy(t -> assertThat(t.key() + "=" + t.value()).isEqualTo("karpenter.sh/nodeclaim=" + launched.getMetadata().getName()))
                .anySatisfy(t -> assertThat(t.key() + "=" + t.value()).isEqualTo("kubernetes.io/cluster/e2e-cluster=owned"));

        String nodeName = aws.registerNode(launched);
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
        // Whatever else the pool launched goes with the pool: nothing of it is left running.
        aws.deletePool(pool);
        assertThat(ec2.runningInstances()).noneSatisfy(i -> assertThat(i.tags()).anySatisfy(t ->
                assertThat(t.key() + "=" + t.value()).isEqualTo(KarpenterLabels.NODE_POOL + "=" + pool)));
        assertThat(client.resources(NodePool.class).withName(pool).get()).isNull();
    }

    @Test
    void aSpotInterruptionDrainsTheNodeAndReplacesItOnAnotherOffering() {
        String pool = "e2e-aws-spot";
        aws.createPool(pool, "spot");
        // A Deployment, so that the drained pod comes back as a new pending one.
        client.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder().withNewMetadata().withName("spot-web").endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", "spot-web").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "spot-web").endMetadata().withSpec(AwsControlPlaneFixture.podSpec(pool))
                .endTemplate().endSpec().build()).create();
        AtomicReference<NodeClaim> first = new AtomicReference<>();
        Eventually.within(Duration.ofSeconds(60), () -> assertThat(aws.launchedClaims(pool)).singleElement().satisfies(first::set));
        NodeClaim interrupted = first.get();
        String nodeName = aws.registerNode(interrupted);
        Eventually.within(Duration.ofSeconds(30), () -> assertThat(client.pods().inNamespace(namespace).withLabel("app", "spot-web").list()
                .getItems()).singleElement().satisfies(p -> assertThat(p.getSpec().getNodeName()).isEqualTo(nodeName)));
        Map<String, String> labels = interrupted.getMetadata().getLabels();
        assertThat(labels).containsEntry(KarpenterLabels.CAPACITY_TYPE, "spot");

        sqs.send(queue, InterruptionEvents.spotInterruption(AwsControlPlaneFixture.instanceId(interrupted), labels.get(KarpenterLabels.ZONE)));

        AtomicReference<NodeClaim> replacement = new AtomicReference<>();
        Eventually.within(Duration.ofSeconds(30), () -> {
            assertThat(client.resources(NodeClaim.class).withName(interrupted.getMetadata().getName()).get()).isNull();
            assertThat(aws.launchedClaims(pool)).singleElement().satisfies(replacement::set);
        });
        Map<String, String> replaced = replacement.get().getMetadata().getLabels();
        assertThat(replaced.get(KarpenterLabels.INSTANCE_TYPE) + "/" + replaced.get(KarpenterLabels.ZONE))
                .isNotEqualTo(labels.get(KarpenterLabels.INSTANCE_TYPE) + "/" + labels.get(KarpenterLabels.ZONE));
        assertThat(replaced).containsEntry(KarpenterLabels.CAPACITY_TYPE, "spot");
        assertThat(ec2.runningInstances()).extracting(Instance::instanceId).doesNotContain(AwsControlPlaneFixture.instanceId(interrupted));
        assertThat(sqs.messages(queue)).isZero();
        List<Event> events = client.v1().events().inAnyNamespace().withField("involvedObject.name", interrupted.getMetadata().getName())
                .list().getItems();
        assertThat(events).anySatisfy(e -> assertThat(e.getReason()).isEqualTo("SpotInterrupted"));
        assertThat(aws.registry.scrape()).contains("karpenter_interruption_received_messages_total{message_type=\"spot_interrupted\"} 1.0")
                .contains("karpenter_interruption_deleted_messages_total 1.0")
                .contains("karpenter_nodeclaims_disrupted_total{nodepool=\"" + pool + "\",reason=\"spot_interrupted\"} 1.0");
        client.apps().deployments().inNamespace(namespace).withName("spot-web").delete();
        aws.deletePool(pool);
    }

    @Test
    void anInstanceWhoseSystemStatusCheckKeepsFailingIsDrainedAndReplaced() {
        String pool = "e2e-aws-health";
        aws.createPool(pool, "on-demand");
        client.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder().withNewMetadata().withName("health-web").endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", "health-web").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "health-web").endMetadata().withSpec(AwsControlPlaneFixture.podSpec(pool))
                .endTemplate().endSpec().build()).create();
        AtomicReference<NodeClaim> first = new AtomicReference<>();
        Eventually.within(Duration.ofSeconds(60), () -> assertThat(aws.launchedClaims(pool)).singleElement().satisfies(first::set));
        NodeClaim broken = first.get();
        String nodeName = aws.registerNode(broken);
        Eventually.within(Duration.ofSeconds(30), () -> assertThat(client.pods().inNamespace(namespace).withLabel("app", "health-web").list()
                .getItems()).singleElement().satisfies(p -> assertThat(p.getSpec().getNodeName()).isEqualTo(nodeName)));

        // EC2 reports the host unreachable for three minutes (no message on the queue: DescribeInstanceStatus says it).
        ec2.failStatusCheck(AwsControlPlaneFixture.instanceId(broken), "system", Instant.now().minus(Duration.ofMinutes(3)));

        Eventually.within(Duration.ofSeconds(30), () -> {
            assertThat(client.resources(NodeClaim.class).withName(broken.getMetadata().getName()).get()).isNull();
            assertThat(aws.launchedClaims(pool)).singleElement()
                    .satisfies(c -> assertThat(c.getMetadata().getName()).isNotEqualTo(broken.getMetadata().getName()));
        });
        assertThat(ec2.runningInstances()).extracting(Instance::instanceId).doesNotContain(AwsControlPlaneFixture.instanceId(broken));
        assertThat(client.v1().events().inAnyNamespace().withField("involvedObject.name", broken.getMetadata().getName()).list().getItems())
                .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("InstanceUnhealthy"));
        assertThat(aws.registry.scrape()).contains("karpenter_nodeclaims_disrupted_total{nodepool=\"" + pool + "\",reason=\"system_status_failure\"} 1.0");
        client.apps().deployments().inNamespace(namespace).withName("health-web").delete();
        aws.deletePool(pool);
    }

    @Test
    void aRoleGetsAnInstanceProfileThatGoesWithItsClass() {
        String name = "e2e-aws-role";
        ec2.iam().role("KarpenterNodeRole-e2e");
        EC2NodeClass nc = Ec2World.nodeClass(name, "al2023@latest", null);
        nc.getSpec().setRole("KarpenterNodeRole-e2e");
        try {
            client.resources(EC2NodeClass.class).resource(nc).create();
            AtomicReference<String> profile = new AtomicReference<>();
            Eventually.within(Duration.ofSeconds(20), () -> {
                EC2NodeClass stored = client.resources(EC2NodeClass.class).withName(name).get();
                assertThat(stored.getMetadata().getFinalizers()).contains(Ec2NodeClassStatusController.FINALIZER);
                assertThat(stored.getStatus()).isNotNull();
                assertThat(stored.getStatus().getConditions()).anySatisfy(c -> {
                    assertThat(c.getType()).isEqualTo("InstanceProfileReady");
                    assertThat(c.getStatus()).isEqualTo("True");
                });
                profile.set(stored.getStatus().getInstanceProfile());
            });
            assertThat(ec2.iam().profiles().get(profile.get()).roles()).extracting(r -> r.roleName()).containsExactly("KarpenterNodeRole-e2e");

            client.resources(EC2NodeClass.class).withName(name).delete();
            Eventually.within(Duration.ofSeconds(20), () -> {
                assertThat(client.resources(EC2NodeClass.class).withName(name).get()).isNull();
                assertThat(ec2.iam().profiles()).doesNotContainKey(profile.get());
            });
        } finally {
            EC2NodeClass left = client.resources(EC2NodeClass.class).withName(name).get();
            if (left != null) {
                client.resources(EC2NodeClass.class).withName(name).edit(c -> {
                    c.getMetadata().setFinalizers(List.of());
                    return c;
                });
                client.resources(EC2NodeClass.class).withName(name).delete();
            }
        }
    }
}
