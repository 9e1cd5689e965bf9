package dev.ebbflow.provisioner.aws;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeClaimResources;
import dev.ebbflow.crds.karpenter.NodeClassReference;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.crds.karpenter.NodeSelectorRequirementWithMinValues;
import dev.ebbflow.crds.karpenter.aws.EC2NodeClass;
import dev.ebbflow.provisioner.aws.fake.Ec2World;
import dev.ebbflow.provisioner.aws.fake.FakeEc2Server;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** EC2NodeClasses, NodePools and NodeClaims for the AWS adapter's tests, and settings pointing at the fake EC2. */
final class AwsTestFixtures {

    static final String CLUSTER = "test-cluster";

    private AwsTestFixtures() {
    }

    static AwsSettings settings(FakeEc2Server ec2) {
        return AwsSettings.of(ec2.region(), CLUSTER).withEndpoint(ec2.endpoint())
                .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .withRetries(4, Duration.ofMillis(5))
                .withCluster("https://test-cluster.example.com", "Q0EtQlVORExF", "10.100.0.0/16");
    }

    /** A status controller over the AWS cloud that writes its Events as "name type reason: message" into {@code events}. */
    static Ec2NodeClassStatusController statusController(io.fabric8.kubernetes.client.KubernetesClient client, AwsCloudProvider aws,
                                                         java.time.Clock clock, List<String> events) {
        return new Ec2NodeClassStatusController(client, aws, clock,
                (object, type, reason, message) -> events.add(object.getMetadata().getName() + " " + type + " " + reason + ": " + message));
    }

    static EC2NodeClass nodeClass(String name, String alias) {
        EC2NodeClass nc = Ec2World.nodeClass(name, alias, "KarpenterNodeInstanceProfile");
        nc.getMetadata().setGeneration(1L);
        nc.getSpec().setTags(Map.of("team", "payments"));
        return nc;
    }

    static NodeClaim claim(String name, String nodeClass, NodeSelectorRequirementWithMinValues... requirements) {
        NodeClaim claim = new NodeClaim();
        claim.getMetadata().setName(name);
        claim.getMetadata().setUid("5a3c0b2e-0000-4000-8000-" + String.format("%012d", Math.abs(name.hashCode())));
        claim.getMetadata().setLabels(Map.of(KarpenterLabels.NODE_POOL, "default", "team", "payments"));
        claim.getSpec().setNodeClassRef(new NodeClassReference(EC2NodeClass.GROUP, EC2NodeClass.KIND, nodeClass));
        claim.getSpec().setRequirements(new ArrayList<>(List.of(requirements)));
        claim.getSpec().setTaints(List.of(new Taint("NoSchedule", "dedicated", null, "payments")));
        NodeClaimResources resources = new NodeClaimResources();
        resources.setRequests(Map.of("cpu", new Quantity("1"), "memory", new Quantity("1Gi")));
        claim.getSpec().setResources(resources);
        return claim;
    }

    static NodePool pool(String nodeClass) {
        NodePool pool = new NodePool();
        pool.getMetadata().setName("default");
        pool.getSpec().getTemplate().getSpec().setNodeClassRef(new NodeClassReference(EC2NodeClass.GROUP, EC2NodeClass.KIND, nodeClass));
        return pool;
    }

    static NodeSelectorRequirementWithMinValues req(String key, String op, String... values) {
        return new NodeSelectorRequirementWithMinValues(key, op, List.of(values));
    }
}
