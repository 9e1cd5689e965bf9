package dev.ebbflow.provisioner.bench;

import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Offering;
import dev.ebbflow.provisioner.catalog.ResourceList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A catalog shaped like a real cloud's, for the cost comparison: three families (2, 4 and 8 GiB per
 * vCPU) in sizes of 2 to 96 vCPU, priced with a volume discount up to 16 vCPU and a premium on the
 * largest sizes (so price is not linear in size); the pod cap and kube-reserved of EKS's formulas
 * (cpu: 6% of the first core, 1% of the second, 0.5% of the next two, 0.25% above; memory 255Mi plus
 * 11Mi per pod, plus the 100Mi eviction threshold); offered on demand in three zones; and two
 * DaemonSets on every node.
 */
final class MixedCatalog {

    private static final int[] SIZES = {2, 4, 8, 16, 32, 48, 64, 96};
    private static final String[] FAMILIES = {"c", "m", "r"};
    private static final int[] GIB_PER_VCPU = {2, 4, 8};
    private static final double[] PRICE_PER_VCPU = {0.0425, 0.048, 0.063};
    private static final long MI = 1L << 20;

    private MixedCatalog() {
    }

    static List<InstanceType> types() {
        List<InstanceType> out = new ArrayList<>();
        for (int f = 0; f < FAMILIES.length; f++) {
            for (int vcpu : SIZES) {
                long pods = Math.min(110, 8L * vcpu + 2);
                double size = vcpu <= 16 ? Math.pow(vcpu, 0.94) : Math.pow(16, 0.94) * vcpu / 16;
                double price = PRICE_PER_VCPU[f] * size * (vcpu >= 48 ? 1.08 : 1.0);
                long memory = (long) GIB_PER_VCPU[f] * vcpu * 1024 * MI;
                ResourceList capacity = ResourceList.ofMilli(Map.of(ResourceList.CPU, vcpu * 1000L, ResourceList.MEMORY, memory * 1000,
                        ResourceList.PODS, pods * 1000));
                ResourceList reserved = ResourceList.ofMilli(Map.of(ResourceList.CPU, reservedCpuMilli(vcpu),
                        ResourceList.MEMORY, (255 + 11 * pods + 100) * MI * 1000));
                List<Offering> offerings = List.of(new Offering("test-zone-1", Offering.ON_DEMAND, price, true),
                        new Offering("test-zone-2", Offering.ON_DEMAND, price, true), new Offering("test-zone-3", Offering.ON_DEMAND, price, true));
                out.add(new InstanceType(FAMILIES[f] + "." + vcpu + "x", capacity, reserved, "amd64", Set.of("linux"), Map.of(), Set.of(), offerings));
            }
        }
        return out;
    }

    /** EKS's cpu reservation in millicores. */
    static long reservedCpuMilli(int vcpu) {
        double m = 60;
        m += vcpu >= 2 ? 10 : 0;
        m += Math.max(0, Math.min(vcpu, 4) - 2) * 5;
        m += Math.max(0, vcpu - 4) * 2.5;
        return (long) Math.ceil(m);
    }

    /** A node exporter and a log agent, on every node. */
    static List<Pod> daemonSets() {
        return List.of(daemonSet("node-exporter", "100m", "180Mi"), daemonSet("log-agent", "200m", "256Mi"));
    }

    private static Pod daemonSet(String name, String cpu, String memory) {
        return new PodBuilder().withNewMetadata().withNamespace("kube-system").withName(name).endMetadata().withNewSpec().addNewContainer()
                .withName(name).withImage(name).withNewResources().withRequests(Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory)))
                .endResources().endContainer().endSpec().build();
    }
}
