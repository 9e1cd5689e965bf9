package dev.ebbflow.provisioner.cloud;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries a claim's candidates cheapest first. An offering the cloud has no capacity for is remembered
 * as unavailable and the next candidate is tried; any other error stops the launch.
 */
public final class CheapestFirstLauncher {

    /** One cloud call that launches one candidate. */
    @FunctionalInterface
    public interface Attempt<T> {
        T launch(LaunchCandidate candidate) throws CloudProviderException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(CheapestFirstLauncher.class);

    private final UnavailableOfferings unavailable;

    public CheapestFirstLauncher(UnavailableOfferings unavailable) {
        this.unavailable = unavailable;
    }

    public <T> T launch(String claimName, List<LaunchCandidate> candidates, Attempt<T> attempt) throws CloudProviderException {
        if (candidates.isEmpty()) {
            throw new InsufficientCapacityException("nodeclaim " + claimName + ": no available offering satisfies its requirements and resource requests");
        }
        InsufficientCapacityException last = null;
        for (LaunchCandidate c : candidates) {
            // An earlier attempt of this launch may have found the same offering exhausted already.
            if (unavailable.isUnavailable(c.instanceType().name(), c.offering().zone(), c.offering().capacityType())) {
                continue;
            }
            try {
                return attempt.launch(c);
            } catch (InsufficientCapacityException e) {
                LOG.info("nodeclaim {}: no capacity for {}, trying the next offering", claimName, c);
                unavailable.markUnavailable(c.instanceType().name(), c.offering());
                last = e;
            }
        }
        throw new InsufficientCapacityException("nodeclaim " + claimName + ": all " + candidates.size()
                + " compatible offerings are out of capacity" + (last == null ? "" : " (last: " + last.getMessage() + ")"));
    }
}
