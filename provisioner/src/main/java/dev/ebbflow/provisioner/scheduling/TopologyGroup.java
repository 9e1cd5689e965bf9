package dev.ebbflow.provisioner.scheduling;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The pods one affinity, anti-affinity or spread term counts (a selector over some namespaces) and,
 * per topology domain, how many of them are there ({@code matched}) and how many pods that declared a
 * required anti-affinity to them are there ({@code owners}, for the symmetric anti-affinity check).
 * Hostname domains are counted on the bins themselves.
 */
final class TopologyGroup {

    record Key(String topologyKey, Set<String> namespaces, boolean allNamespaces, LabelSelector selector) {
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

    void recordMatched(String domain) {
        counts.computeIfAbsent(domain, d -> new int[2])[0]++;
    }

    void recordOwner(String domain) {
        counts.computeIfAbsent(domain, d -> new int[2])[1]++;
    }
}
