package dev.ebbflow.provisioner.aws;

import dev.ebbflow.crds.karpenter.aws.AmiFamily;
import dev.ebbflow.provisioner.cloud.NodeClassNotReadyException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * EKS-optimised AMI aliases ({@code family@version}) as the public SSM parameters AWS publishes the
 * images' ids under, one per architecture and build, as Karpenter resolves them: {@code al2023@latest}
 * on Kubernetes 1.31 is {@code /aws/service/eks/optimized-ami/1.31/amazon-linux-2023/x86_64/standard/recommended/image_id}
 * and its arm64, NVIDIA and Neuron siblings; a pinned version names that release's parameter instead of
 * {@code recommended}. Asking SSM rather than searching images by name means an alias follows what AWS
 * recommends, not merely the newest image someone named alike.
 */
final class AmiAliases {

    private static final Map<String, AmiFamily> FAMILIES = Map.of("al2", AmiFamily.AL2, "al2023", AmiFamily.AL2023,
            "bottlerocket", AmiFamily.Bottlerocket, "windows2019", AmiFamily.Windows2019, "windows2022", AmiFamily.Windows2022);
    private static final String EKS = "/aws/service/eks/optimized-ami/";
    private static final String LATEST = "latest";

    /**
     * One SSM parameter of an alias and the images it holds the id of.
     *
     * @param architecture {@code amd64} or {@code arm64}
     */
    record Parameter(String name, String architecture, List<AmiVariant> variants) {
    }

    private AmiAliases() {
    }

    static AmiFamily family(String alias) {
        return FAMILIES.get(alias.substring(0, Math.max(0, alias.indexOf('@'))));
    }

    /** The parameters to ask SSM for; any of them may be missing (no arm64 NVIDIA build of an old release), not all. */
    static List<Parameter> parameters(String what, String field, String alias, String k8s) throws NodeClassNotReadyException {
        int at = alias.indexOf('@');
        AmiFamily family = at < 0 ? null : FAMILIES.get(alias.substring(0, at));
        String version = at < 0 ? "" : alias.substring(at + 1);
        if (family == null || version.isEmpty()) {
            throw new NodeClassNotReadyException(what, field, "'" + alias + "' is not a known family@version alias");
        }
        boolean latest = version.equals(LATEST);
        List<Parameter> parameters = new ArrayList<>();
        switch (family) {
            case AL2023 -> {
                for (AmiVariant variant : List.of(AmiVariant.STANDARD, AmiVariant.NVIDIA, AmiVariant.NEURON)) {
                    parameters.add(al2023(k8s, "x86_64", "amd64", variant, latest, version));
                }
                for (AmiVariant variant : List.of(AmiVariant.STANDARD, AmiVariant.NVIDIA)) {
                    parameters.add(al2023(k8s, "arm64", "arm64", variant, latest, version));
                }
            }
            case AL2 -> {
                parameters.add(al2(k8s, "amazon-linux-2", "amazon-eks-node-", "amd64", latest, version, AmiVariant.STANDARD));
                parameters.add(al2(k8s, "amazon-linux-2-arm64", "amazon-eks-arm64-node-", "arm64", latest, version, AmiVariant.STANDARD));
                parameters.add(al2(k8s, "amazon-linux-2-gpu", "amazon-eks-gpu-node-", "amd64", latest, version,
                        AmiVariant.NVIDIA, AmiVariant.NEURON));
            }
            case Bottlerocket -> {
                // Bottlerocket's releases are tagged v1.20.3, its parameters say 1.20.3: both spellings are accepted.
                String release = latest ? LATEST : version.startsWith("v") ? version.substring(1) : version;
                parameters.add(bottlerocket(k8s, "", "x86_64", "amd64", release, AmiVariant.STANDARD, AmiVariant.NEURON));
                parameters.add(bottlerocket(k8s, "", "arm64", "arm64", release, AmiVariant.STANDARD));
                parameters.add(bottlerocket(k8s, "-nvidia", "x86_64", "amd64", release, AmiVariant.NVIDIA));
                parameters.add(bottlerocket(k8s, "-nvidia", "arm64", "arm64", release, AmiVariant.NVIDIA));
            }
            case Windows2019, Windows2022 -> {
                if (!latest) {
                    throw new NodeClassNotReadyException(what, field, "'" + alias + "': Windows aliases only take the version 'latest'");
                }
                String year = family == AmiFamily.Windows2019 ? "2019" : "2022";
                parameters.add(new Parameter("/aws/service/ami-windows-latest/Windows_Server-" + year + "-English-Core-EKS_Optimized-"
                        + k8s + "/image_id", "amd64", List.of(AmiVariant.STANDARD)));
            }
            default -> throw new NodeClassNotReadyException(what, field, "'" + alias + "' is not a known family@version alias");
        }
        return parameters;
    }

    private static Parameter al2023(String k8s, String ec2Arch, String arch, AmiVariant variant, boolean latest, String version) {
        String build = variant.name().toLowerCase(java.util.Locale.ROOT);
        String release = latest ? "recommended" : "amazon-eks-node-al2023-" + ec2Arch + "-" + build + "-" + k8s + "-" + version;
        return new Parameter(EKS + k8s + "/amazon-linux-2023/" + ec2Arch + "/" + build + "/" + release + "/image_id", arch, List.of(variant));
    }

    private static Parameter al2(String k8s, String directory, String imagePrefix, String arch, boolean latest, String version,
                                 AmiVariant... variants) {
        String release = latest ? "recommended" : imagePrefix + k8s + "-" + version;
        return new Parameter(EKS + k8s + "/" + directory + "/" + release + "/image_id", arch, List.of(variants));
    }

    private static Parameter bottlerocket(String k8s, String flavour, String ec2Arch, String arch, String release, AmiVariant... variants) {
        return new Parameter("/aws/service/bottlerocket/aws-k8s-" + k8s + flavour + "/" + ec2Arch + "/" + release + "/image_id", arch,
                List.of(variants));
    }
}
