package dev.ebbflow.provisioner.bench;

import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Offering;
import dev.ebbflow.provisioner.catalog.ResourceList;
import dev.ebbflow.provisioner.scheduling.NewClaim;
import dev.ebbflow.provisioner.scheduling.PodConverter;
import dev.ebbflow.provisioner.scheduling.PoolTemplate;
import dev.ebbflow.provisioner.scheduling.Requirements;
import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import dev.ebbflow.provisioner.scheduling.SchedulingResult;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The price of the core's decision for the full Karpenter pod mix on {@link MixedCatalog}, against
 * the LP relaxation of covering the batch's cpu, memory and pods ({@link CoveringBound}), each type
 * giving the pods its allocatable less the DaemonSets. A second bound adds what the mix itself forces:
 * the hostname anti-affinity pods all carry the label their rule selects, so each needs a node of
 * its own and the batch at least that many nodes ({@link #largestMutuallyRepellingGroup}). A claim is priced at its cheapest option, the one launched when every offering is available.
 */
final class CostAgainstBound {

    private static final String[] RESOURCES = {ResourceList.CPU, ResourceList.MEMORY, ResourceList.PODS};

    record Report(int pods, boolean genericOnly, int nodes, double cost, double bound, double boundWithNodes, double[] utilisation, String lpMix,
                  String lpNodesMix, String boughtMix) {

        @Override
        public String toString() {
            return String.format("%d %s pods: %d nodes, $%.3f/h; LP bound (cpu, memory, pods) $%.3f/h, ratio %.3f; with at least %s nodes $%.3f/h, ratio %.3f;"
                            + " utilisation cpu %.1f%% memory %.1f%% pods %.1f%%; LP mix %s; with the nodes %s; bought %s",
                    pods, genericOnly ? "generic" : "mixed", nodes, cost, bound, cost / bound, "the anti-affinity pods'", boundWithNodes, cost / boundWithNodes,
                    100 * utilisation[0], 100 * utilisation[1], 100 * utilisation[2], lpMix, lpNodesMix, boughtMix);
        }
    }

    private CostAgainstBound() {
    }

    /** @param genericOnly the generic pods alone, for contrast with the full mix */
    static Report measure(int count, boolean genericOnly) {
        List<InstanceType> types = MixedCatalog.types();
        List<Pod> daemonSets = MixedCatalog.daemonSets();
        List<SchedulablePod> dsPods = daemonSets.stream().map(PodConverter::convert).toList();
        PoolTemplate pool = PoolTemplate.basic("default", 0, Requirements.NONE, types).withDaemonSets(dsPods);
        List<Pod> pods = genericOnly ? new KarpenterWorkload(42).generic(count) : new KarpenterWorkload(42).diversePods(count);
        SchedulingResult result = SchedulingBenchmark.provision(pods, pool);
        List<String> violations = PlacementChecker.check(pods, result, daemonSets, SchedulingBenchmark.ZONES);
        if (!violations.isEmpty()) {
            throw new IllegalStateException(count + " pods on the mixed catalog: " + violations.size() + " violations, first: " + violations.get(0));
        }
        double[] dsTotal = total(dsPods);
        double[] demand = total(pods.stream().map(PodConverter::convert).toList());
        double[][] room = new double[types.size()][];
        double[] price = new double[types.size()];
        for (int t = 0; t < types.size(); t++) {
            room[t] = roomFor(types.get(t), dsTotal);
            price[t] = types.get(t).offerings().stream().mapToDouble(Offering::pricePerHour).min().orElseThrow();
        }
        CoveringBound.Solution lp = CoveringBound.solve(room, price, demand);
        long antiPods = largestMutuallyRepellingGroup(pods);
        double[][] roomAndNode = new double[types.size()][];
        for (int t = 0; t < types.size(); t++) {
            roomAndNode[t] = java.util.Arrays.copyOf(room[t], RESOURCES.length + 1);
            roomAndNode[t][RESOURCES.length] = 1;
        }
        double[] demandAndNodes = java.util.Arrays.copyOf(demand, RESOURCES.length + 1);
        demandAndNodes[RESOURCES.length] = Math.max(1, antiPods);
        CoveringBound.Solution lpNodes = CoveringBound.solve(roomAndNode, price, demandAndNodes);
        double cost = 0;
        double[] bought = new double[RESOURCES.length];
        double[] boughtNodes = new double[types.size()];
        for (NewClaim c : result.newClaims()) {
            boughtNodes[types.indexOf(c.options().get(0).instanceType())]++;
            cost += c.options().get(0).price();
            double[] r = roomFor(c.options().get(0).instanceType(), dsTotal);
            for (int i = 0; i < bought.length; i++) {
                bought[i] += r[i];
            }
        }
        double[] utilisation = new double[RESOURCES.length];
        for (int i = 0; i < utilisation.length; i++) {
            utilisation[i] = demand[i] / bought[i];
        }
        return new Report(count, genericOnly, result.newClaims().size(), cost, lp.cost(), lpNodes.cost(), utilisation, mix(types, lp.nodes()),
                mix(types, lpNodes.nodes()), mix(types, boughtNodes));
    }

    /**
     * The most pods no two of which may share a node: those with the same required hostname
     * anti-affinity selector (matchLabels) that their own labels match. Each repels every other
     * member of its group, so the batch needs at least that many nodes, whatever the placement.
     */
    static long largestMutuallyRepellingGroup(List<Pod> pods) {
        Map<Map<String, String>, Long> groups = new HashMap<>();
        for (Pod p : pods) {
            if (p.getSpec().getAffinity() == null || p.getSpec().getAffinity().getPodAntiAffinity() == null) {
                continue;
            }
            Map<String, String> labels = p.getMetadata().getLabels();
            for (PodAffinityTerm t : p.getSpec().getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()) {
                Map<String, String> selector = t.getLabelSelector().getMatchLabels();
                if (KarpenterWorkload.HOSTNAME.equals(t.getTopologyKey()) && labels.entrySet().containsAll(selector.entrySet())) {
                    groups.merge(selector, 1L, Long::sum);
                }
            }
        }
        return groups.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    private static double[] roomFor(InstanceType t, double[] daemonSets) {
        double[] r = new double[RESOURCES.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = Math.max(0, t.allocatable().milli(RESOURCES[i]) - daemonSets[i]);
        }
        return r;
    }

    private static double[] total(List<SchedulablePod> pods) {
        double[] sum = new double[RESOURCES.length];
        for (SchedulablePod p : pods) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += p.requests().milli(RESOURCES[i]);
            }
        }
        return sum;
    }

    private static String mix(List<InstanceType> types, double[] nodes) {
        List<String> out = new ArrayList<>();
        for (int t = 0; t < nodes.length; t++) {
            if (nodes[t] > 1e-9) {
                out.add(String.format("%.1f x %s", nodes[t], types.get(t).name()));
            }
        }
        return String.join(" + ", out);
    }

    public static void main(String[] args) {
        for (String s : (args.length == 0 ? "5000" : args[0]).split(",")) {
            System.out.println(measure(Integer.parseInt(s), false));
            System.out.println(measure(Integer.parseInt(s), true));
        }
    }
}
