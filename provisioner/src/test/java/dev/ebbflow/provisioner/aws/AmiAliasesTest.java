package dev.ebbflow.provisioner.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.provisioner.cloud.NodeClassNotReadyException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SSM parameters each alias is, as AWS publishes them and Karpenter's docs name them. */
class AmiAliasesTest {

    private static final String FIELD = "spec.amiSelectorTerms[0].alias";
    private static final String EKS = "/aws/service/eks/optimized-ami/1.30/";

    private static List<String> names(String alias) throws NodeClassNotReadyException {
        return AmiAliases.parameters("EC2NodeClass x", FIELD, alias, "1.30").stream()
                .map(p -> p.name() + " " + p.architecture() + " " + p.variants()).toList();
    }

    @Test
    void al2023LatestIsTheRecommendedImageOfEachArchitectureAndBuild() throws Exception {
        assertThat(names("al2023@latest")).containsExactlyInAnyOrder(
                EKS + "amazon-linux-2023/x86_64/standard/recommended/image_id amd64 [STANDARD]",
                EKS + "amazon-linux-2023/x86_64/nvidia/recommended/image_id amd64 [NVIDIA]",
                EKS + "amazon-linux-2023/x86_64/neuron/recommended/image_id amd64 [NEURON]",
                EKS + "amazon-linux-2023/arm64/standard/recommended/image_id arm64 [STANDARD]",
                EKS + "amazon-linux-2023/arm64/nvidia/recommended/image_id arm64 [NVIDIA]");
    }

    @Test
    void aPinnedAl2023VersionNamesThatReleasesParameters() throws Exception {
        assertThat(names("al2023@v20240807")).contains(
                EKS + "amazon-linux-2023/x86_64/standard/amazon-eks-node-al2023-x86_64-standard-1.30-v20240807/image_id amd64 [STANDARD]",
                EKS + "amazon-linux-2023/arm64/nvidia/amazon-eks-node-al2023-arm64-nvidia-1.30-v20240807/image_id arm64 [NVIDIA]")
                .hasSize(5);
    }

    @Test
    void al2HasOneGpuImageForNvidiaAndNeuronTypes() throws Exception {
        assertThat(names("al2@latest")).containsExactlyInAnyOrder(
                EKS + "amazon-linux-2/recommended/image_id amd64 [STANDARD]",
                EKS + "amazon-linux-2-arm64/recommended/image_id arm64 [STANDARD]",
                EKS + "amazon-linux-2-gpu/recommended/image_id amd64 [NVIDIA, NEURON]");
        assertThat(names("al2@v20240807")).contains(EKS + "amazon-linux-2-arm64/amazon-eks-arm64-node-1.30-v20240807/image_id arm64 [STANDARD]",
                EKS + "amazon-linux-2-gpu/amazon-eks-gpu-node-1.30-v20240807/image_id amd64 [NVIDIA, NEURON]");
    }

    @Test
    void bottlerocketTakesItsReleaseWithOrWithoutTheV() throws Exception {
        assertThat(names("bottlerocket@latest")).containsExactlyInAnyOrder(
                "/aws/service/bottlerocket/aws-k8s-1.30/x86_64/latest/image_id amd64 [STANDARD, NEURON]",
                "/aws/service/bottlerocket/aws-k8s-1.30/arm64/latest/image_id arm64 [STANDARD]",
                "/aws/service/bottlerocket/aws-k8s-1.30-nvidia/x86_64/latest/image_id amd64 [NVIDIA]",
                "/aws/service/bottlerocket/aws-k8s-1.30-nvidia/arm64/latest/image_id arm64 [NVIDIA]");
        assertThat(names("bottlerocket@v1.20.3")).contains("/aws/service/bottlerocket/aws-k8s-1.30/arm64/1.20.3/image_id arm64 [STANDARD]")
                .isEqualTo(names("bottlerocket@1.20.3"));
    }

    @Test
    void windowsIsTheLatestCoreImageOnly() throws Exception {
        assertThat(names("windows2019@latest")).containsExactly(
                "/aws/service/ami-windows-latest/Windows_Server-2019-English-Core-EKS_Optimized-1.30/image_id amd64 [STANDARD]");
        assertThat(names("windows2022@latest")).containsExactly(
                "/aws/service/ami-windows-latest/Windows_Server-2022-English-Core-EKS_Optimized-1.30/image_id amd64 [STANDARD]");
        assertThatThrownBy(() -> names("windows2022@2024.08.13")).isInstanceOf(NodeClassNotReadyException.class)
                .hasMessageContaining(FIELD).hasMessageContaining("only take the version 'latest'");
    }

    @Test
    void anUnknownFamilyOrAMissingVersionNamesTheField() {
        for (String alias : List.of("ubuntu@latest", "al2023", "al2023@")) {
            assertThatThrownBy(() -> names(alias)).as(alias).isInstanceOf(NodeClassNotReadyException.class)
                    .satisfies(e -> assertThat(((NodeClassNotReadyException) e).fieldPath()).isEqualTo(FIELD))
                    .hasMessageContaining("not a known family@version alias");
        }
    }
}
