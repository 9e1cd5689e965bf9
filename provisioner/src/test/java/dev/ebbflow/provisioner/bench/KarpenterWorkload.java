package dev.ebbflow.provisioner.bench;

import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Offering;
import dev.ebbflow.provisioner.catalog.ResourceList;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The workload of Karpenter's published scheduling benchmark, rebuilt from its description: the fake
 * cloud's incrementing instance types and its six pod kinds, as Kubernetes Pod objects.
 *
 * <p>Labels and spread selectors draw their values from 7 letters independently of each other, so a
 * spread selector also matches generic pods and other spread pods. Zonal pod affinity forms 7 groups
 * (label and selector alike). Karpenter's mix also has hostname pod affinity with the label and the
 * selector drawn apart; it is left out here: once the first nodes that hold a group's pods are full,
 * no new node can take the pods that must join that group, so from about 20,000 pods hundreds of them
 * are unschedulable for any simulation without lookahead (its benchmark does not check), and this
 * one must place every pod. Its sixth of the batch goes to generic pods.
 */
final class KarpenterWorkload {

    static final String SPREAD_KEY = "my-label";
    static final String AFFINITY_KEY = "my-affinity";
    static final String ZONE = "topology.kubernetes.io/zone";
    static final String HOSTNAME = "kubernetes.io/hostname";
    private static final String[] VALUES = {"a", "b", "c", "d", "e", "f", "g"};
    private static final int[] CPU_MILLI = {100, 250, 500, 1000, 1500};
    private static final int[] MEMORY_MI = {100, 256, 512, 1024, 2048, 4096};
    private static final long GI = 1L << 30;

    private final Random random;
    private int serial;

    KarpenterWorkload(long seed) {
        this.random = new Random(seed);
    }

    /**
     * Type i (1-based): i vCPU, 2i GiB, 10i pods, kube-reserved 100m CPU and 10Mi; price 0.1 per vCPU
     * plus 0.1 per 10^9 bytes; spot in two zones, on-demand in three, at one price.
     */
    static List<InstanceType> instanceTypes(int count) {
        List<InstanceType> out = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            long memoryBytes = 2L * i * GI;
            double price = 0.1 * i + 0.1 * memoryBytes / 1e9;
            ResourceList capacity = ResourceList.ofMilli(Map.of(ResourceList.CPU, i * 1000L, ResourceList.MEMORY, memoryBytes * 1000,
                    ResourceList.PODS, 10L * i * 1000));
            ResourceList kubeReserved = ResourceList.ofMilli(Map.of(ResourceList.CPU, 100L, ResourceList.MEMORY, 10L * (1 << 20) * 1000));
            List<Offering> offerings = List.of(
                    new Offering("test-zone-1", Offering.SPOT, price, true),
                    new Offering("test-zone-2", Offering.SPOT, price, true),
                    new Offering("test-zone-1", Offering.ON_DEMAND, price, true),
                    new Offering("test-zone-2", Offering.ON_DEMAND, price, true),
                    new Offering("test-zone-3", Offering.ON_DEMAND, price, true));
            out.add(new InstanceType("fake-it-" + (i - 1), capacity, kubeReserved, "amd64", Set.of("linux", "windows", "darwin"), Map.of(), Set.of(),
                    offerings));
        }
        return out;
    }

    /**
     * The diverse mix: a sixth each of zonal and hostname spread (maxSkew 1, DoNotSchedule), zonal pod
     * affinity and hostname anti-affinity among themselves; the rest generic.
     */
    List<Pod> diversePods(int count) {
        int each = count / 6;
        List<Pod> pods = new ArrayList<>(count);
        pods.addAll(generic(each));
        pods.addAll(spread(each, ZONE));
        pods.addAll(spread(each, HOSTNAME));
        pods.addAll(zonalAffinity(each));
        pods.addAll(antiAffinity(each));
        pods.addAll(generic(count - pods.size()));
        return pods;
    }

    List<Pod> generic(int count) {
        List<Pod> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(base("generic", Map.of(SPREAD_KEY, value())).endSpec().build());
        }
        return out;
    }

    private List<Pod> spread(int count, String key) {
        List<Pod> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(base("spread", Map.of(SPREAD_KEY, value()))
                    .addToTopologySpreadConstraints(new TopologySpreadConstraintBuilder().withMaxSkew(1).withTopologyKey(key)
                            .withWhenUnsatisfiable("DoNotSchedule")
                            .withLabelSelector(new LabelSelectorBuilder().withMatchLabels(Map.of(SPREAD_KEY, value())).build()).build())
                    .endSpec().build());
        }
        return out;
    }

    private List<Pod> zonalAffinity(int count) {
        List<Pod> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, String> labels = Map.of(AFFINITY_KEY, value());
            out.add(base("affinity", labels).withNewAffinity().withNewPodAffinity()
                    .withRequiredDuringSchedulingIgnoredDuringExecution(term(labels, ZONE))
                    .endPodAffinity().endAffinity().endSpec().build());
        }
        return out;
    }

    private List<Pod> antiAffinity(int count) {
        List<Pod> out = new ArrayList<>();
        Map<String, String> labels = Map.of("app", "nginx");
        for (int i = 0; i < count; i++) {
            out.add(base("anti", labels).withNewAffinity().withNewPodAntiAffinity()
                    .withRequiredDuringSchedulingIgnoredDuringExecution(term(labels, HOSTNAME))
                    .endPodAntiAffinity().endAffinity().endSpec().build());
        }
        return out;
    }

    private static PodAffinityTerm term(Map<String, String> selector, String key) {
        return new PodAffinityTermBuilder().withLabelSelector(new LabelSelectorBuilder().withMatchLabels(selector).build()).withTopologyKey(key).build();
    }

    private PodBuilder.SpecNested<PodBuilder> base(String kind, Map<String, String> labels) {
        Map<String, Quantity> requests = Map.of(
                "cpu", new Quantity(CPU_MILLI[random.nextInt(CPU_MILLI.length)] + "m"),
                "memory", new Quantity(MEMORY_MI[random.nextInt(MEMORY_MI.length)] + "Mi"));
        return new PodBuilder().withNewMetadata().withNamespace("default").withName(kind + "-" + serial++).withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("app").withNewResources().withRequests(requests).endResources().endContainer();
    }

    private String value() {
        return VALUES[random.nextInt(VALUES.length)];
    }
}
