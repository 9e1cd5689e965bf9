package dev.ebbflow.provisioner.disruption;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ebbflow.crds.karpenter.NodeClaimTemplate;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.provisioner.scheduling.Requirements;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Whether a NodeClaim has drifted from what its NodePool would make now (pure), as Karpenter decides
 * it: the pool's template hash differs from the one written on the claim (when both were written by
 * the same hash version), the claim's labels no longer satisfy the pool's requirements, or its node
 * class's hash changed. Behavioural fields (weight, limits, disruption) are not in the hash, nor are the
 * requirements: a requirement that still admits the node is no drift.
 */
public final class Drift {

    public static final String NODEPOOL_HASH = "karpenter.sh/nodepool-hash";
    public static final String NODEPOOL_HASH_VERSION = "karpenter.sh/nodepool-hash-version";
    /** Bumped whenever what the hash covers changes, so old claims are not all called drifted at once. */
    public static final String HASH_VERSION = "v3";

    public static final String NODEPOOL_DRIFTED = "NodePoolDrifted";
    public static final String REQUIREMENTS_DRIFTED = "RequirementsDrifted";
    public static final String NODECLASS_DRIFTED = "NodeClassDrifted";

    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(com.fasterxml.jackson.databind.MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true);

    private Drift() {
    }

    /** The hash of the pool's template, requirements left out, as a decimal string (FNV-1a, 64 bits). */
    public static String poolHash(NodePool pool) {
        NodeClaimTemplate template = pool.getSpec() == null ? null : pool.getSpec().getTemplate();
        Map<String, Object> covered = new TreeMap<>();
        if (template != null) {
            covered.put("metadata", template.getMetadata());
            if (template.getSpec() != null) {
                covered.put("taints", template.getSpec().getTaints());
                covered.put("startupTaints", template.getSpec().getStartupTaints());
                covered.put("expireAfter", template.getSpec().getExpireAfter());
                covered.put("terminationGracePeriod", template.getSpec().getTerminationGracePeriod());
                covered.put("nodeClassRef", template.getSpec().getNodeClassRef());
            }
        }
        try {
            return Long.toUnsignedString(fnv1a(JSON.writeValueAsBytes(covered)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the NodePool template cannot be written as JSON", e);
        }
    }

    /**
     * @param claimAnnotations     the claim's annotations (its pool hash and hash version)
     * @param claimLabels          the claim's labels (what was launched: instance type, zone, capacity type...)
     * @param poolRequirements     the pool's requirements now, template labels included
     * @param nodeClassHashOnClaim the node class hash written on the claim at launch, null if none
     * @param nodeClassHashNow     the node class's hash now, null if unknown
     * @return the drift reason, empty when the claim has not drifted
     */
    public static Optional<String> reason(NodePool pool, Map<String, String> claimAnnotations, Map<String, String> claimLabels,
                                          Requirements poolRequirements, String nodeClassHashOnClaim, String nodeClassHashNow) {
        Map<String, String> a = claimAnnotations == null ? Map.of() : claimAnnotations;
        if (HASH_VERSION.equals(a.get(NODEPOOL_HASH_VERSION)) && a.get(NODEPOOL_HASH) != null && !a.get(NODEPOOL_HASH).equals(poolHash(pool))) {
            return Optional.of(NODEPOOL_DRIFTED);
        }
        if (!poolRequirements.matchesLabels(claimLabels == null ? Map.of() : claimLabels)) {
            return Optional.of(REQUIREMENTS_DRIFTED);
        }
        if (nodeClassHashOnClaim != null && nodeClassHashNow != null && !nodeClassHashOnClaim.equals(nodeClassHashNow)) {
            return Optional.of(NODECLASS_DRIFTED);
        }
        return Optional.empty();
    }

    private static long fnv1a(byte[] bytes) {
        long h = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
