package dev.ebbflow.operator.provisioning.disruption;

import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.provisioner.disruption.Drift;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The NodePool's template hash as Karpenter keeps it on the pool ({@code karpenter.sh/nodepool-hash},
 * {@code karpenter.sh/nodepool-hash-version}), for users and tools to compare with their NodeClaims'.
 */
public final class PoolHashAnnotations {

    private PoolHashAnnotations() {
    }

    /** The pool's annotations with its current hash, when they do not carry it yet. */
    public static Optional<Map<String, String>> stale(NodePool pool) {
        Map<String, String> current = pool.getMetadata().getAnnotations() == null ? Map.of() : pool.getMetadata().getAnnotations();
        String hash = Drift.poolHash(pool);
        if (hash.equals(current.get(Drift.NODEPOOL_HASH)) && Drift.HASH_VERSION.equals(current.get(Drift.NODEPOOL_HASH_VERSION))) {
            return Optional.empty();
        }
        Map<String, String> annotations = new LinkedHashMap<>(current);
        annotations.put(Drift.NODEPOOL_HASH, hash);
        annotations.put(Drift.NODEPOOL_HASH_VERSION, Drift.HASH_VERSION);
        return Optional.of(annotations);
    }
}
