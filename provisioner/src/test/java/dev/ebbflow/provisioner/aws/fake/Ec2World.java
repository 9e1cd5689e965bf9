package dev.ebbflow.provisioner.aws.fake;

import dev.ebbflow.crds.karpenter.aws.AmiSelectorTerm;
import dev.ebbflow.crds.karpenter.aws.EC2NodeClass;
import dev.ebbflow.crds.karpenter.aws.SecurityGroupSelectorTerm;
import dev.ebbflow.crds.karpenter.aws.SubnetSelectorTerm;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.EbsInfo;
import software.amazon.awssdk.services.ec2.model.EbsOptimizedInfo;
import software.amazon.awssdk.services.ec2.model.GpuDeviceInfo;
import software.amazon.awssdk.services.ec2.model.GpuDeviceMemoryInfo;
import software.amazon.awssdk.services.ec2.model.GpuInfo;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;
import software.amazon.awssdk.services.ec2.model.MemoryInfo;
import software.amazon.awssdk.services.ec2.model.NetworkCardInfo;
import software.amazon.awssdk.services.ec2.model.NetworkInfo;
import software.amazon.awssdk.services.ec2.model.ProcessorInfo;
import software.amazon.awssdk.services.ec2.model.VCpuInfo;

/**
 * A small region for tests: three zones with a tagged subnet each, a security group, EKS AL2023 and
 * Bottlerocket AMIs for Kubernetes 1.28 (two AL2023 releases, both architectures, and an NVIDIA build)
 * with the public SSM parameters that name them, and c, m, r, t and g instance types with on-demand
 * and spot prices.
 */
public final class Ec2World {

    public static final String REGION = "us-west-2";
    public static final String[] ZONES = {"us-west-2a", "us-west-2b", "us-west-2c"};
    public static final Map<String, String> DISCOVERY = Map.of("karpenter.sh/discovery", "test");
    public static final String AL2023_AMD64 = "ami-0a2023amd64new";
    public static final String AL2023_ARM64 = "ami-0a2023arm64new";
    public static final String AL2023_AMD64_OLD = "ami-0a2023amd64old";
    public static final String AL2023_NVIDIA = "ami-0a2023nvidia";
    public static final String BOTTLEROCKET_AMD64 = "ami-0b0ttlerocket";
    /** Where AWS publishes the AL2023 images of Kubernetes 1.28. */
    public static final String AL2023_SSM = "/aws/service/eks/optimized-ami/1.28/amazon-linux-2023/";

    private Ec2World() {
    }

    /** An EC2NodeClass of this world: the AMI alias, the discovery-tagged subnets and security group, an instance profile. */
    public static EC2NodeClass nodeClass(String name, String alias, String instanceProfile) {
        EC2NodeClass nc = new EC2NodeClass();
        nc.getMetadata().setName(name);
        nc.getSpec().setInstanceProfile(instanceProfile);
        AmiSelectorTerm ami = new AmiSelectorTerm();
        ami.setAlias(alias);
        nc.getSpec().setAmiSelectorTerms(List.of(ami));
        SubnetSelectorTerm subnets = new SubnetSelectorTerm();
        subnets.setTags(DISCOVERY);
        nc.getSpec().setSubnetSelectorTerms(List.of(subnets));
        SecurityGroupSelectorTerm groups = new SecurityGroupSelectorTerm();
        groups.setTags(DISCOVERY);
        nc.getSpec().setSecurityGroupSelectorTerms(List.of(groups));
        return nc;
    }

    public static FakeEc2Server seed(FakeEc2Server ec2) {
        for (int i = 0; i < ZONES.length; i++) {
            ec2.subnet("subnet-" + (char) ('a' + i) + "0001", ZONES[i], DISCOVERY);
        }
        ec2.subnet("subnet-other", ZONES[0], Map.of("karpenter.sh/discovery", "another-cluster"));
        ec2.securityGroup("sg-0node", "eks-node", DISCOVERY);
        ec2.securityGroup("sg-0other", "other", Map.of());
        Instant old = Instant.parse("2024-01-10T00:00:00Z");
        Instant recent = Instant.parse("2024-08-07T00:00:00Z");
        ec2.image(AL2023_AMD64_OLD, "amazon-eks-node-al2023-x86_64-standard-1.28-v20240110", "x86_64", "amazon", old, Map.of());
        ec2.image(AL2023_AMD64, "amazon-eks-node-al2023-x86_64-standard-1.28-v20240807", "x86_64", "amazon", recent, Map.of());
        ec2.image(AL2023_ARM64, "amazon-eks-node-al2023-arm64-standard-1.28-v20240807", "arm64", "amazon", recent, Map.of());
        ec2.image(AL2023_NVIDIA, "amazon-eks-node-al2023-x86_64-nvidia-1.28-v20240807", "x86_64", "amazon", recent, Map.of());
        ec2.image(BOTTLEROCKET_AMD64, "bottlerocket-aws-k8s-1.28-x86_64-v1.20.5-a3e8bda1", "x86_64", "amazon", recent, Map.of());
        ec2.ssm().parameter(AL2023_SSM + "x86_64/standard/recommended/image_id", AL2023_AMD64)
                .parameter(AL2023_SSM + "arm64/standard/recommended/image_id", AL2023_ARM64)
                .parameter(AL2023_SSM + "x86_64/nvidia/recommended/image_id", AL2023_NVIDIA)
                .parameter(AL2023_SSM + "x86_64/standard/amazon-eks-node-al2023-x86_64-standard-1.28-v20240110/image_id", AL2023_AMD64_OLD)
                .parameter(AL2023_SSM + "x86_64/standard/amazon-eks-node-al2023-x86_64-standard-1.28-v20240807/image_id", AL2023_AMD64)
                .parameter(AL2023_SSM + "arm64/standard/amazon-eks-node-al2023-arm64-standard-1.28-v20240807/image_id", AL2023_ARM64)
                .parameter("/aws/service/bottlerocket/aws-k8s-1.28/x86_64/latest/image_id", BOTTLEROCKET_AMD64)
                .parameter("/aws/service/bottlerocket/aws-k8s-1.28/x86_64/1.20.5/image_id", BOTTLEROCKET_AMD64);
        ec2.image("ami-0custom", "team-golden-image", "x86_64", "111122223333", recent, Map.of("team", "a"));
        // name, vCPU, GiB, arch, ENIs, IPv4 per ENI, on-demand $/h, spot $/h
        type(ec2, "c5.large", 2, 4, "x86_64", "Intel", 3, 10, 0.085, 0.035);
        type(ec2, "c6g.large", 2, 4, "arm64", "AWS", 3, 10, 0.068, 0.030);
        type(ec2, "c7i.xlarge", 4, 8, "x86_64", "Intel", 4, 15, 0.1785, 0.07);
        type(ec2, "m5.large", 2, 8, "x86_64", "Intel", 3, 10, 0.096, 0.040);
        type(ec2, "m6g.xlarge", 4, 16, "arm64", "AWS", 4, 15, 0.154, 0.06);
        type(ec2, "m7i.2xlarge", 8, 32, "x86_64", "Intel", 4, 15, 0.4032, 0.16);
        type(ec2, "r5.large", 2, 16, "x86_64", "Intel", 3, 10, 0.126, 0.05);
        type(ec2, "r7g.xlarge", 4, 32, "arm64", "AWS", 4, 15, 0.2142, 0.09);
        type(ec2, "t3.medium", 2, 4, "x86_64", "Intel", 3, 6, 0.0416, 0.0125);
        ec2.instanceType(info("g4dn.xlarge", 4, 16, "x86_64", "Intel", 3, 10).toBuilder()
                .gpuInfo(GpuInfo.builder().totalGpuMemoryInMiB(16384).gpus(GpuDeviceInfo.builder().name("T4").manufacturer("NVIDIA").count(1)
                        .memoryInfo(GpuDeviceMemoryInfo.builder().sizeInMiB(16384).build()).build()).build())
                .instanceStorageSupported(true)
                .instanceStorageInfo(s -> s.totalSizeInGB(125L).nvmeSupport("required")).build(), 0.526, 0.2, ZONES);
        return ec2;
    }

    private static void type(FakeEc2Server ec2, String name, int vcpu, int gib, String arch, String cpu, int enis, int ips,
                             double onDemand, double spot) {
        ec2.instanceType(info(name, vcpu, gib, arch, cpu, enis, ips), onDemand, spot, ZONES);
    }

    public static InstanceTypeInfo info(String name, int vcpu, int gib, String arch, String cpuManufacturer, int enis, int ips) {
        return InstanceTypeInfo.builder().instanceType(name).currentGeneration(true).supportedUsageClassesWithStrings("on-demand", "spot")
                .hypervisor("nitro").bareMetal(false)
                .processorInfo(ProcessorInfo.builder().supportedArchitecturesWithStrings(arch).manufacturer(cpuManufacturer).build())
                .vCpuInfo(VCpuInfo.builder().defaultVCpus(vcpu).build())
                .memoryInfo(MemoryInfo.builder().sizeInMiB((long) gib * 1024).build())
                .networkInfo(NetworkInfo.builder().maximumNetworkInterfaces(enis).ipv4AddressesPerInterface(ips)
                        .encryptionInTransitSupported(true)
                        .networkCards(NetworkCardInfo.builder().networkCardIndex(0).baselineBandwidthInGbps(vcpu * 0.39).build()).build())
                .ebsInfo(EbsInfo.builder().ebsOptimizedInfo(EbsOptimizedInfo.builder().baselineBandwidthInMbps(vcpu * 325).build()).build())
                .build();
    }
}
