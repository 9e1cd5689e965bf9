package dev.ebbflow.provisioner.scheduling;

import java.util.ArrayList;
import java.util.List;

/**
 * A pod prepared for the simulation: its requests as a vector, the groups it counts in, and its
 * relaxation ladder, Karpenter's order: every preference first; then drop preferred pod affinity
 * terms, lightest first; then preferred anti-affinity terms; then walk down the preferred node
 * affinity terms, heaviest first, to none; then drop ScheduleAnyway spreads; then tolerate
 * PreferNoSchedule taints. Required node affinity terms are ORed at every level.
 */
final class PodPlan {

    final SchedulablePod pod;
    final int order;
    final long[] requests;
    int[] matchedGroups = new int[0];
    int[] ownedAntiGroups = new int[0];
    List<Constraint> inverseAnti = List.of();
    final List<Constraint> hard = new ArrayList<>();
    final List<Constraint> softAffinity = new ArrayList<>();
    final List<Constraint> softAnti = new ArrayList<>();
    final List<Constraint> softSpread = new ArrayList<>();
    private boolean[] matchesById;
    private List<Variant> ladder;

    PodPlan(SchedulablePod pod, int order, long[] requests) {
        this.pod = pod;
        this.order = order;
        this.requests = requests;
    }

    void setMatched(int[] groups, int groupCount) {
        matchedGroups = groups;
        matchesById = new boolean[groupCount];
        for (int g : groups) {
            matchesById[g] = true;
        }
    }

    boolean matches(TopologyGroup g) {
        return matchesById[g.id];
    }

    boolean hasTopology() {
        return !hard.isEmpty() || !softAffinity.isEmpty() || !softAnti.isEmpty() || !softSpread.isEmpty() || !inverseAnti.isEmpty();
    }

    /** The variants to try, strictest first; built once, on first use. */
    List<Variant> ladder(boolean preferNoScheduleExists) {
        if (ladder != null) {
            return ladder;
        }
        List<Requirements> terms = new ArrayList<>();
        if (pod.requiredNodeTerms().isEmpty()) {
            terms.add(pod.nodeSelector());
        } else {
            pod.requiredNodeTerms().forEach(t -> terms.add(pod.nodeSelector().and(t)));
        }
        List<Requirements> preferred = new ArrayList<>();
        pod.preferredNodeTerms().forEach(w -> preferred.add(w.requirements()));
        List<Variant> out = new ArrayList<>();
        List<Constraint> aff = new ArrayList<>(softAffinity);
        List<Constraint> anti = new ArrayList<>(softAnti);
        int pref = 0;
        boolean spread = true;
        boolean strict = true;
        while (true) {
            List<Constraint> cs = new ArrayList<>(hard);
            cs.addAll(inverseAnti);
            cs.addAll(aff);
            cs.addAll(anti);
            if (spread) {
                cs.addAll(softSpread);
            }
            Requirements p = pref < preferred.size() ? preferred.get(pref) : Requirements.NONE;
            for (Requirements t : terms) {
                out.add(new Variant(t.and(p), List.copyOf(cs), strict));
            }
            if (!aff.isEmpty()) {
                aff.remove(aff.size() - 1);
            } else if (!anti.isEmpty()) {
                anti.remove(anti.size() - 1);
            } else if (pref < preferred.size()) {
                pref++;
            } else if (spread && !softSpread.isEmpty()) {
                spread = false;
            } else if (strict && preferNoScheduleExists) {
                strict = false;
            } else {
                break;
            }
        }
        ladder = out;
        return out;
    }
}
