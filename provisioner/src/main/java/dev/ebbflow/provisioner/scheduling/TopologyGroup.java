package dev.ebbflow.provisioner.scheduling;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The pods one affinity, anti-affinity or spread term counts (a selector over some namespaces) and,
 * per topology domain, how many of them are there ({@code matched}) and how many pods that declared a
 * required anti-affinity to them are there ({@code owners}, for the symmetric anti-affinity check).
 * A pod on a claim whose domain is not decided yet might end up in any of its possible domains: it is
 * counted there as "possibly" matched or owner, which anti-affinity respects (Karpenter holds a pod
 * back rather than risk sharing a zone) and affinity does not (it waits until the zone is known).
 * Hostname domains are counted on the bins themselves.
 */
final class TopologyGroup {

    /** @param filter for a spread, the nodes it looks at (null: all) */
    record Key(String topologyKey, Set<String> namespaces, boolean allNamespaces, LabelSelector selector, NodeFilter filter) {
    }

    final int id;
    final Key key;
    final boolean hostname;
    private final Map<String, int[]> counts = new HashMap<>();
    int totalMatched;
    boolean hasOwners;

    TopologyGroup(int id, Key key) {
        this.id = id;
        this.key = key;
        this.hostname = WellKnownLabels.HOSTNAME.equals(key.topologyKey());
    }

    /** Whether pods on this bin count in the group: a spread under Honor counts only nodes it could use. */
    boolean counts(Bin b) {
        return key.filter() == null || key.filter().admits(b);
    }

    String topologyKey() {
        return key.topologyKey();
    }

    boolean matches(SchedulablePod p) {
        return (key.allNamespaces() || key.namespaces().contains(p.namespace())) && key.selector().matches(p.labels());
    }

    int matched(String domain) {
        int[] c = counts.get(domain);
        return c == null ? 0 : c[0];
    }

    int owners(String domain) {
        int[] c = counts.get(domain);
        return c == null ? 0 : c[1];
    }

    /** Matched pods in the domain, including those that might be there once their claim's domain is decided. */
    int maybeMatched(String domain) {
        int[] c = counts.get(domain);
        return c == null ? 0 : c[0] + c[2];
    }

    int maybeOwners(String domain) {
        int[] c = counts.get(domain);
        return c == null ? 0 : c[1] + c[3];
    }

    void recordMatched(String domain) {
        counts.computeIfAbsent(domain, d -> new int[4])[0]++;
    }

    void recordOwner(String domain) {
        counts.computeIfAbsent(domain, d -> new int[4])[1]++;
    }

    void recordPossiblyMatched(String domain) {
        counts.computeIfAbsent(domain, d -> new int[4])[2]++;
    }

    void recordPossibleOwner(String domain) {
        counts.computeIfAbsent(domain, d -> new int[4])[3]++;
    }
}
