package dev.ebbflow.provisioner.aws;

import dev.ebbflow.crds.karpenter.aws.KubeletConfiguration;
import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Offering;
import dev.ebbflow.provisioner.catalog.ResourceList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.ec2.model.GpuDeviceInfo;
import software.amazon.awssdk.services.ec2.model.InferenceDeviceInfo;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;
import software.amazon.awssdk.services.ec2.model.NetworkCardInfo;
import software.amazon.awssdk.services.ec2.model.NeuronDeviceInfo;

/** EC2's description of instance types, turned into catalog entries for one EC2NodeClass's settings. */
final class Ec2InstanceTypes {

    static final String GPU_RESOURCE = "nvidia.com/gpu";
    static final String AMD_GPU_RESOURCE = "amd.com/gpu";
    static final String NEURON_RESOURCE = "aws.amazon.com/neuron";
    static final String NEURON_CORE_RESOURCE = "aws.amazon.com/neuroncore";

    /** The parts of an EC2NodeClass that change capacity or overhead. */
    record NodeShape(KubeletConfiguration kubelet, long rootVolumeBytes, boolean instanceStoreRaid0, double vmMemoryOverhead,
                     Set<String> zones) {
    }

    private Ec2InstanceTypes() {
    }

    /** Every type offered in one of the shape's zones, with an offering per zone and capacity type it supports there. */
    static List<InstanceType> of(Ec2CatalogData data, NodeShape shape) {
        List<InstanceType> out = new ArrayList<>();
        for (InstanceTypeInfo info : data.types()) {
            of(info, data, shape).ifPresent(out::add);
        }
        return out;
    }

    static Optional<InstanceType> of(InstanceTypeInfo info, Ec2CatalogData data, NodeShape shape) {
        String name = info.instanceTypeAsString();
        Optional<String> arch = architecture(info);
        if (arch.isEmpty() || info.vCpuInfo() == null || info.memoryInfo() == null) {
            return Optional.empty();
        }
        List<Offering> offerings = offerings(info, data, shape.zones());
        if (offerings.isEmpty()) {
            return Optional.empty();
        }
        int vcpus = info.vCpuInfo().defaultVCpus();
        long pods = Ec2Overhead.maxPods(shape.kubelet(), vcpus, nz(info.networkInfo().maximumNetworkInterfaces()),
                nz(info.networkInfo().ipv4AddressesPerInterface()));
        long memory = Ec2Overhead.memoryCapacityBytes(info.memoryInfo().sizeInMiB(), shape.vmMemoryOverhead());
        long localNvmeGb = info.instanceStorageInfo() == null || info.instanceStorageInfo().totalSizeInGB() == null ? 0
                : info.instanceStorageInfo().totalSizeInGB();
        long ephemeral = shape.instanceStoreRaid0() && localNvmeGb > 0 ? localNvmeGb * 1_000_000_000L : shape.rootVolumeBytes();
        Map<String, Long> capacity = new HashMap<>();
        capacity.put(ResourceList.CPU, vcpus * 1000L);
        capacity.put(ResourceList.MEMORY, memory * 1000);
        capacity.put(ResourceList.PODS, pods * 1000);
        capacity.put(ResourceList.EPHEMERAL_STORAGE, ephemeral * 1000);
        gpuResource(info).ifPresent(r -> capacity.put(r, gpuCount(info) * 1000L));
        if (info.neuronInfo() != null && !info.neuronInfo().neuronDevices().isEmpty()) {
            capacity.put(NEURON_RESOURCE, neuronDevices(info) * 1000L);
            capacity.put(NEURON_CORE_RESOURCE, neuronCores(info) * 1000L);
        }
        ResourceList overhead = Ec2Overhead.overhead(shape.kubelet(), vcpus, pods, memory, ephemeral);
        Map<String, String> labels = labels(info, localNvmeGb);
        Set<String> absent = new HashSet<>(Ec2Labels.OPTIONAL);
        absent.removeAll(labels.keySet());
        return Optional.of(new InstanceType(name, ResourceList.ofMilli(capacity), overhead, arch.get(), Set.of("linux"), labels, absent, offerings));
    }

    private static List<Offering> offerings(InstanceTypeInfo info, Ec2CatalogData data, Set<String> allowedZones) {
        String name = info.instanceTypeAsString();
        List<Offering> offerings = new ArrayList<>();
        boolean spot = info.supportedUsageClassesAsStrings().contains("spot");
        boolean onDemand = info.supportedUsageClassesAsStrings().contains("on-demand");
        Optional<Double> onDemandPrice = data.onDemand(name);
        for (String zone : new TreeSet<>(data.zonesByType().getOrDefault(name, Set.of()))) {
            if (!allowedZones.contains(zone)) {
                continue;
            }
            if (spot) {
                // A type with no spot price yet is offered at its on-demand price, so ordering still favours cheaper types.
                Optional<Double> price = data.spot(name, zone).or(() -> onDemandPrice);
                price.ifPresent(p -> offerings.add(new Offering(zone, Offering.SPOT, p, true)));
            }
            if (onDemand) {
                onDemandPrice.ifPresent(p -> offerings.add(new Offering(zone, Offering.ON_DEMAND, p, true)));
            }
        }
        return offerings;
    }

    static Optional<String> architecture(InstanceTypeInfo info) {
        if (info.processorInfo() == null) {
            return Optional.empty();
        }
        List<String> archs = info.processorInfo().supportedArchitecturesAsStrings();
        if (archs.contains("x86_64")) {
            return Optional.of("amd64");
        }
        if (archs.contains("arm64")) {
            return Optional.of("arm64");
        }
        return Optional.empty();
    }

    static Map<String, String> labels(InstanceTypeInfo info, long localNvmeGb) {
        Ec2Labels.NameParts parts = Ec2Labels.NameParts.of(info.instanceTypeAsString());
        Map<String, String> labels = new HashMap<>();
        labels.put(Ec2Labels.FAMILY, parts.family());
        labels.put(Ec2Labels.CATEGORY, parts.category());
        if (!parts.generation().isEmpty()) {
            labels.put(Ec2Labels.GENERATION, parts.generation());
        }
        labels.put(Ec2Labels.SIZE, parts.size());
        labels.put(Ec2Labels.CPU, Integer.toString(info.vCpuInfo().defaultVCpus()));
        labels.put(Ec2Labels.MEMORY, Long.toString(info.memoryInfo().sizeInMiB()));
        labels.put(Ec2Labels.HYPERVISOR, info.hypervisorAsString() == null ? "" : info.hypervisorAsString());
        if (info.processorInfo().manufacturer() != null) {
            labels.put(Ec2Labels.CPU_MANUFACTURER, info.processorInfo().manufacturer().toLowerCase(Locale.ROOT));
        }
        if (info.networkInfo() != null && info.networkInfo().encryptionInTransitSupported() != null) {
            labels.put(Ec2Labels.ENCRYPTION_IN_TRANSIT, info.networkInfo().encryptionInTransitSupported().toString());
        }
        if (info.gpuInfo() != null && !info.gpuInfo().gpus().isEmpty()) {
            GpuDeviceInfo gpu = info.gpuInfo().gpus().get(0);
            labels.put(Ec2Labels.GPU_NAME, gpu.name().toLowerCase(Locale.ROOT));
            labels.put(Ec2Labels.GPU_MANUFACTURER, gpu.manufacturer().toLowerCase(Locale.ROOT));
            labels.put(Ec2Labels.GPU_COUNT, Integer.toString(gpuCount(info)));
            if (info.gpuInfo().totalGpuMemoryInMiB() != null) {
                labels.put(Ec2Labels.GPU_MEMORY, Integer.toString(info.gpuInfo().totalGpuMemoryInMiB()));
            }
        }
        acceleratorLabels(info, labels);
        if (localNvmeGb > 0) {
            labels.put(Ec2Labels.LOCAL_NVME, Long.toString(localNvmeGb));
        }
        if (info.networkInfo() != null && !info.networkInfo().networkCards().isEmpty()) {
            NetworkCardInfo card = info.networkInfo().networkCards().get(0);
            if (card.baselineBandwidthInGbps() != null) {
                labels.put(Ec2Labels.NETWORK_BANDWIDTH, Long.toString(Math.round(card.baselineBandwidthInGbps() * 1000)));
            }
        }
        if (info.ebsInfo() != null && info.ebsInfo().ebsOptimizedInfo() != null
                && info.ebsInfo().ebsOptimizedInfo().baselineBandwidthInMbps() != null) {
            labels.put(Ec2Labels.EBS_BANDWIDTH, Integer.toString(info.ebsInfo().ebsOptimizedInfo().baselineBandwidthInMbps()));
        }
        return labels;
    }

    /** Inferentia and Trainium devices (Neuron), or an older inference accelerator, when the type has one kind of them. */
    private static void acceleratorLabels(InstanceTypeInfo info, Map<String, String> labels) {
        if (info.neuronInfo() != null && info.neuronInfo().neuronDevices().size() == 1) {
            NeuronDeviceInfo device = info.neuronInfo().neuronDevices().get(0);
            labels.put(Ec2Labels.ACCELERATOR_NAME, kebab(device.name()));
            labels.put(Ec2Labels.ACCELERATOR_MANUFACTURER, "aws");
            labels.put(Ec2Labels.ACCELERATOR_COUNT, Integer.toString(nz(device.count())));
        } else if (info.neuronInfo() == null && info.inferenceAcceleratorInfo() != null
                && info.inferenceAcceleratorInfo().accelerators().size() == 1) {
            InferenceDeviceInfo device = info.inferenceAcceleratorInfo().accelerators().get(0);
            labels.put(Ec2Labels.ACCELERATOR_NAME, kebab(device.name()));
            labels.put(Ec2Labels.ACCELERATOR_MANUFACTURER, kebab(device.manufacturer()));
            labels.put(Ec2Labels.ACCELERATOR_COUNT, Integer.toString(nz(device.count())));
        }
    }

    private static String kebab(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT).replace(' ', '-');
    }

    private static int neuronDevices(InstanceTypeInfo info) {
        return info.neuronInfo().neuronDevices().stream().mapToInt(d -> nz(d.count())).sum();
    }

    /** Devices × cores per device, of the first kind of device, as Karpenter counts them. */
    private static int neuronCores(InstanceTypeInfo info) {
        NeuronDeviceInfo device = info.neuronInfo().neuronDevices().get(0);
        return nz(device.count()) * (device.coreInfo() == null ? 0 : nz(device.coreInfo().count()));
    }

    private static Optional<String> gpuResource(InstanceTypeInfo info) {
        if (info.gpuInfo() == null || info.gpuInfo().gpus().isEmpty()) {
            return Optional.empty();
        }
        String manufacturer = info.gpuInfo().gpus().get(0).manufacturer();
        return switch (manufacturer == null ? "" : manufacturer.toLowerCase(Locale.ROOT)) {
            case "nvidia" -> Optional.of(GPU_RESOURCE);
            case "amd" -> Optional.of(AMD_GPU_RESOURCE);
            default -> Optional.empty();
        };
    }

    private static int gpuCount(InstanceTypeInfo info) {
        return info.gpuInfo().gpus().stream().mapToInt(g -> g.count() == null ? 0 : g.count()).sum();
    }

    private static int nz(Integer i) {
        return i == null ? 0 : i;
    }
}
