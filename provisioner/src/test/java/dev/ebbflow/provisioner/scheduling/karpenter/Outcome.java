package dev.ebbflow.provisioner.scheduling.karpenter;

import dev.ebbflow.provisioner.scheduling.InstanceOption;
import dev.ebbflow.provisioner.scheduling.NewClaim;
import dev.ebbflow.provisioner.scheduling.Requirements;
import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import dev.ebbflow.provisioner.scheduling.SchedulingResult;
import dev.ebbflow.provisioner.scheduling.Taint;
import dev.ebbflow.provisioner.scheduling.UnschedulablePod;
import dev.ebbflow.provisioner.scheduling.WellKnownLabels;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What provisioning made of a {@link Scenario}'s pods, in terms both tiers can tell: the new claims
 * (their pool, requirements, taints, instance type options, zone, type and pods) and the pods left pending.
 *
 * @param newClaims the claims made, each with the pods it holds
 * @param pendingPods the names of the pods no claim holds
 */
public record Outcome(List<Claim> newClaims, Set<String> pendingPods) {

    /**
     * @param zone the claim's zone: pinned by its requirements (pure tier) or launched in (real tier); null while open
     * @param instanceType the type launched: the cheapest option (pure tier) or the Node's type (real tier)
     * @param typeOptions the instance types the claim allows
     * @param pods the names of the pods it holds: planned (pure tier) or bound to its Node (real tier)
     */
    public record Claim(String nodePool, Requirements requirements, List<Taint> taints, List<Taint> startupTaints, Set<String> typeOptions,
                        String zone, String instanceType, List<String> pods) {

        public Claim {
            taints = List.copyOf(taints);
            startupTaints = List.copyOf(startupTaints);
            typeOptions = Set.copyOf(typeOptions);
            pods = List.copyOf(pods);
        }
    }

    public Outcome {
        newClaims = List.copyOf(newClaims);
        pendingPods = Set.copyOf(pendingPods);
    }

    static Outcome of(SchedulingResult r) {
        List<Claim> claims = r.newClaims().stream().map(Outcome::claim).toList();
        Set<String> pending = new TreeSet<>();
        for (UnschedulablePod u : r.unschedulable()) {
            pending.add(u.pod().name());
        }
        return new Outcome(claims, pending);
    }

    private static Claim claim(NewClaim c) {
        Set<String> options = new LinkedHashSet<>();
        c.options().stream().map(InstanceOption::name).forEach(options::add);
        return new Claim(c.nodePool(), c.requirements(), c.taints(), c.startupTaints(), options, c.requirements().singleValue(WellKnownLabels.ZONE),
                c.cheapest().name(), c.pods().stream().map(SchedulablePod::name).toList());
    }
}
