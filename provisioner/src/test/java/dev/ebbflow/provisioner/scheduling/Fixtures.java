package dev.ebbflow.provisioner.scheduling;

import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Offering;
import dev.ebbflow.provisioner.catalog.ResourceList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small catalogs, pods and nodes for the scheduling tests. */
final class Fixtures {

    static final List<String> ZONES = List.of("zone-a", "zone-b", "zone-c");

    private Fixtures() {
    }

    static ResourceList res(String cpu, String memory) {
        return ResourceList.parse(Map.of(ResourceList.CPU, cpu, ResourceList.MEMORY, memory));
    }

    /** A type with on-demand offerings at {@code price} in every zone and spot at 70% of it. */
    static InstanceType type(String name, int cpu, int memoryGi, String arch, double price) {
        List<Offering> offerings = new ArrayList<>();
        for (String z : ZONES) {
            offerings.add(new Offering(z, Offering.ON_DEMAND, price, true));
            offerings.add(new Offering(z, Offering.SPOT, price * 0.7, true));
        }
        return type(name, cpu, memoryGi, arch, Map.of(), offerings);
    }

    static InstanceType type(String name, int cpu, int memoryGi, String arch, Map<String, String> labels, List<Offering> offerings) {
        ResourceList capacity = ResourceList.parse(Map.of(ResourceList.CPU, Integer.toString(cpu), ResourceList.MEMORY, memoryGi + "Gi",
                ResourceList.PODS, "110"));
        return new InstanceType(name, capacity, ResourceList.EMPTY, arch, Set.of("linux"), labels, Set.of(), offerings);
    }

    /** 2, 4, 8 and 16 vCPU amd64 types (4 GiB per vCPU) priced by size, and a cheaper arm64 family. */
    static List<InstanceType> catalog() {
        return List.of(
                type("m.large", 2, 8, "amd64", 0.10),
                type("m.xlarge", 4, 16, "amd64", 0.20),
                type("m.2xlarge", 8, 32, "amd64", 0.40),
                type("m.4xlarge", 16, 64, "amd64", 0.80),
                type("g.large", 2, 8, "arm64", 0.08),
                type("g.xlarge", 4, 16, "arm64", 0.16));
    }

    static List<InstanceType> amd64() {
        return catalog().stream().filter(t -> t.architecture().equals("amd64")).toList();
    }

    static PoolTemplate pool(String name) {
        return PoolTemplate.basic(name, 0, Requirements.NONE, amd64());
    }

    static SchedulablePod pod(String name, String cpu, String memory) {
        return SchedulablePod.simple("default", name, Map.of("app", name), res(cpu, memory));
    }

    static SchedulablePod pod(String name, String cpu, String memory, Map<String, String> labels) {
        return SchedulablePod.simple("default", name, labels, res(cpu, memory));
    }

    static ExistingNode node(String name, String cpu, String memory, Map<String, String> labels, List<Taint> taints, List<SchedulablePod> pods) {
        ResourceList alloc = ResourceList.parse(Map.of(ResourceList.CPU, cpu, ResourceList.MEMORY, memory, ResourceList.PODS, "110"));
        java.util.HashMap<String, String> all = new java.util.HashMap<>(labels);
        all.putIfAbsent(WellKnownLabels.HOSTNAME, name);
        return new ExistingNode(name, all, taints, alloc, pods);
    }

    static ExistingNode node(String name, String zone) {
        return node(name, "4", "16Gi", Map.of(WellKnownLabels.ZONE, zone), List.of(), List.of());
    }

    static SchedulingResult provision(List<SchedulablePod> pods, List<ExistingNode> nodes, PoolTemplate... pools) {
        return Scheduler.provision(new SchedulingInput(pods, nodes, List.of(), List.of(pools)));
    }

    static LabelSelector app(String app) {
        return LabelSelector.of(Map.of("app", app), List.of());
    }

    static PodAffinityTerm term(String app, String topologyKey) {
        return new PodAffinityTerm(app(app), Set.of("default"), false, topologyKey, 0);
    }
}
