package dev.ebbflow.provisioner.cloud.simulated;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulated cloud's stock: offerings set as exhausted answer a launch with an insufficient
 * capacity error, as a real cloud does when a zone runs out of a type (for tests and scenarios).
 */
public final class SimulatedCapacity {

    private record Key(String instanceType, String zone, String capacityType) {
    }

    private final Set<Key> exhausted = ConcurrentHashMap.newKeySet();

    public void exhaust(String instanceType, String zone, String capacityType) {
        exhausted.add(new Key(instanceType, zone, capacityType));
    }

    public void restore(String instanceType, String zone, String capacityType) {
        exhausted.remove(new Key(instanceType, zone, capacityType));
    }

    public boolean isExhausted(String instanceType, String zone, String capacityType) {
        return exhausted.contains(new Key(instanceType, zone, capacityType));
    }
}
