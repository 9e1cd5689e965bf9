package dev.ebbflow.provisioner.scheduling;

import dev.ebbflow.provisioner.catalog.ResourceList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers the resources one simulation cares about (cpu, memory, pods and whatever the pods ask
 * for), so requests and room become small long arrays and the fit test a tight loop.
 */
final class ResourceIndex {

    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> names = new ArrayList<>();

    ResourceIndex() {
        add(ResourceList.CPU);
        add(ResourceList.MEMORY);
        add(ResourceList.PODS);
    }

    void addAll(ResourceList r) {
        r.asMilliMap().keySet().forEach(this::add);
    }

    private void add(String name) {
        if (!index.containsKey(name)) {
            index.put(name, names.size());
            names.add(name);
        }
    }

    int size() {
        return names.size();
    }

    /** Resources not indexed are dropped: nothing in this simulation asks for them. */
    long[] vector(ResourceList r) {
        long[] v = new long[names.size()];
        r.asMilliMap().forEach((k, amount) -> {
            Integer i = index.get(k);
            if (i != null) {
                v[i] = amount;
            }
        });
        return v;
    }

    ResourceList toList(long[] v) {
        Map<String, Long> m = new HashMap<>();
        for (int i = 0; i < v.length; i++) {
            m.put(names.get(i), v[i]);
        }
        return ResourceList.ofMilli(m);
    }

    String name(int i) {
        return names.get(i);
    }

    static boolean fits(long[] used, long[] add, long[] capacity) {
        for (int i = 0; i < used.length; i++) {
            if (used[i] + add[i] > capacity[i]) {
                return false;
            }
        }
        return true;
    }

    /** The first resource that does not fit, or -1. */
    static int firstShort(long[] used, long[] add, long[] capacity) {
        for (int i = 0; i < used.length; i++) {
            if (used[i] + add[i] > capacity[i]) {
                return i;
            }
        }
        return -1;
    }
}
