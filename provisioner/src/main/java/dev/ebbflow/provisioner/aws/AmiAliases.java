package dev.ebbflow.provisioner.aws;

import dev.ebbflow.crds.karpenter.aws.AmiFamily;
import dev.ebbflow.provisioner.cloud.NodeClassNotReadyException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;

/**
 * EKS-optimised AMI aliases ({@code family@version}) as DescribeImages queries of Amazon's images by
 * their published names, one per architecture: {@code al2023@latest} on Kubernetes 1.31 is the newest
 * {@code amazon-eks-node-al2023-x86_64-standard-1.31-*} and {@code ...-arm64-standard-1.31-*}.
 */
final class AmiAliases {

    private static final Map<String, AmiFamily> FAMILIES = Map.of("al2", AmiFamily.AL2, "al2023", AmiFamily.AL2023,
            "bottlerocket", AmiFamily.Bottlerocket, "windows2019", AmiFamily.Windows2019, "windows2022", AmiFamily.Windows2022);

    private AmiAliases() {
    }

    static AmiFamily family(String alias) {
        return FAMILIES.get(alias.substring(0, Math.max(0, alias.indexOf('@'))));
    }

    static List<DescribeImagesRequest> requests(String what, String field, String alias, String kubernetesVersion) throws NodeClassNotReadyException {
        int at = alias.indexOf('@');
        AmiFamily family = at < 0 ? null : FAMILIES.get(alias.substring(0, at));
        if (family == null) {
            throw new NodeClassNotReadyException(what, field, "'" + alias + "' is not a known family@version alias");
        }
        String version = alias.substring(at + 1);
        List<DescribeImagesRequest> requests = new ArrayList<>();
        for (String name : names(what, field, family, version, kubernetesVersion)) {
            requests.add(DescribeImagesRequest.builder().owners("amazon")
                    .filters(Ec2NodeClassResolver.filter("name", name)).build());
        }
        return requests;
    }

    private static List<String> names(String what, String field, AmiFamily family, String version, String k8s) throws NodeClassNotReadyException {
        boolean latest = version.equals("latest");
        return switch (family) {
            case AL2023 -> List.of("amazon-eks-node-al2023-x86_64-standard-" + k8s + "-" + (latest ? "*" : version),
                    "amazon-eks-node-al2023-arm64-standard-" + k8s + "-" + (latest ? "*" : version));
            case AL2 -> List.of("amazon-eks-node-" + k8s + "-" + (latest ? "*" : version),
                    "amazon-eks-arm64-node-" + k8s + "-" + (latest ? "*" : version));
            case Bottlerocket -> List.of("bottlerocket-aws-k8s-" + k8s + "-x86_64-" + (latest ? "*" : version + "-*"),
                    "bottlerocket-aws-k8s-" + k8s + "-aarch64-" + (latest ? "*" : version + "-*"));
            default -> throw new NodeClassNotReadyException(what, field, family + " nodes are not supported by Ebbflow");
        };
    }
}
