package dev.ebbflow.operator.provisioning.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeClassReference;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.cloud.CloudProvider;
import dev.ebbflow.provisioner.cloud.NodeClassNotFoundException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CloudProvidersTest {

    private static CloudProvider named(String name) {
        return new CloudProvider() {
            @Override public String name() { return name; }
            @Override public NodeClaim create(NodeClaim claim) { return claim; }
            @Override public void delete(NodeClaim claim) { }
            @Override public NodeClaim get(String providerId) { return null; }
            @Override public List<NodeClaim> list() { return List.of(); }
            @Override public List<InstanceType> instanceTypes(NodePool nodePool) { return List.of(); }
            @Override public Optional<String> isDrifted(NodeClaim claim) { return Optional.empty(); }
        };
    }

    @Test
    void looksUpByGroupAndKindNotName() throws Exception {
        CloudProviders clouds = new CloudProviders().register("ebbflow.dev", "SimulatedNodeClass", named("simulated"))
                .register("karpenter.k8s.aws", "EC2NodeClass", named("aws"));
        assertThat(clouds.require(new NodeClassReference("karpenter.k8s.aws", "EC2NodeClass", "anything"), "spec.nodeClassRef").name()).isEqualTo("aws");
        assertThat(clouds.find(new NodeClassReference("ebbflow.dev", "SimulatedNodeClass", "x"))).map(CloudProvider::name).hasValue("simulated");
    }

    @Test
    void unknownKindNamesTheField() {
        CloudProviders clouds = new CloudProviders().register("ebbflow.dev", "SimulatedNodeClass", named("simulated"));
        assertThatThrownBy(() -> clouds.require(new NodeClassReference("karpenter.azure.com", "AKSNodeClass", "d"), "spec.nodeClassRef"))
                .isInstanceOf(NodeClassNotFoundException.class)
                .hasMessageStartingWith("spec.nodeClassRef: ").hasMessageContaining("karpenter.azure.com/AKSNodeClass");
        assertThatThrownBy(() -> clouds.require(null, "spec.nodeClassRef")).hasMessageStartingWith("spec.nodeClassRef: required");
    }

    @Test
    void everyCloudOnceAndEveryKind() {
        CloudProvider simulated = named("simulated");
        CloudProviders clouds = new CloudProviders().register("ebbflow.dev", "SimulatedNodeClass", simulated)
                .register("ebbflow.dev", "OtherSimulatedNodeClass", simulated)
                .register("karpenter.k8s.aws", "EC2NodeClass", named("aws"));
        assertThat(clouds.all()).extracting(CloudProvider::name).containsExactly("simulated", "aws");
        assertThat(clouds.kinds()).extracting(CloudProviders.Kind::toString)
                .containsExactly("ebbflow.dev/SimulatedNodeClass", "ebbflow.dev/OtherSimulatedNodeClass", "karpenter.k8s.aws/EC2NodeClass");
    }
}
