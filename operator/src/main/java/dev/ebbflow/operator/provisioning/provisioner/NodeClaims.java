package dev.ebbflow.operator.provisioning.provisioner;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeClaimResources;
import dev.ebbflow.crds.karpenter.NodeClaimSpec;
import dev.ebbflow.crds.karpenter.NodeClaimTemplateMetadata;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.crds.karpenter.NodeSelectorRequirementWithMinValues;
import dev.ebbflow.provisioner.disruption.Drift;
import dev.ebbflow.provisioner.catalog.Offering;
import dev.ebbflow.provisioner.scheduling.InstanceOption;
import dev.ebbflow.provisioner.scheduling.NewClaim;
import dev.ebbflow.provisioner.scheduling.Requirement;
import dev.ebbflow.provisioner.scheduling.Taint;
import dev.ebbflow.provisioner.scheduling.WellKnownLabels;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/** Turns the scheduling core's new claims into NodeClaim objects as Karpenter writes them. */
public final class NodeClaims {

    /** The alphabet Kubernetes uses for generated name suffixes: no vowels, no look-alike digits. */
    private static final String SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final int SUFFIX_LENGTH = 5;

    private NodeClaims() {
    }

    /** {@code <nodepool>-<5 random characters>}, as Karpenter names its NodeClaims. */
    public static String name(String nodePool, RandomGenerator random) {
        StringBuilder sb = new StringBuilder(nodePool).append('-');
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            sb.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
        }
        return sb.toString();
    }

    /**
     * The NodeClaim for a new claim of {@code pool}: the template's labels and annotations plus
     * {@code karpenter.sh/nodepool} and a value for every other label key its requirements name
     * that the cloud does not set ({@link ClaimLabels}), an owner reference to the pool, the claim's requirements (the
     * pool's, narrowed by its pods and closed with the instance types that fit, cheapest first), the
     * pool's taints, startup taints, nodeClassRef, expireAfter and terminationGracePeriod, the
     * resources its pods and DaemonSets request, and the pool's template hash
     * ({@code karpenter.sh/nodepool-hash} and {@code -hash-version}).
     */
    public static NodeClaim of(NewClaim claim, NodePool pool, String name) {
        List<NodeSelectorRequirementWithMinValues> requirements = requirements(claim);
        Map<String, String> labels = new LinkedHashMap<>(ClaimLabels.resolve(requirements, cloudLabelKeys(claim), name));
        Map<String, String> annotations = new LinkedHashMap<>();
        NodeClaimTemplateMetadata meta = pool.getSpec().getTemplate().getMetadata();
        if (meta != null && meta.getLabels() != null) {
            labels.putAll(meta.getLabels());
        }
        if (meta != null && meta.getAnnotations() != null) {
            annotations.putAll(meta.getAnnotations());
        }
        labels.put(KarpenterLabels.NODE_POOL, pool.getMetadata().getName());
        // As Karpenter copies them from the pool: what the claim was made from, for drift to compare.
        annotations.put(Drift.NODEPOOL_HASH, Drift.poolHash(pool));
        annotations.put(Drift.NODEPOOL_HASH_VERSION, Drift.HASH_VERSION);
        NodeClaimSpec spec = pool.getSpec().getTemplate().getSpec().toNodeClaimSpec();
        spec.setRequirements(requirements);
        spec.setTaints(taints(claim.taints()));
        spec.setStartupTaints(taints(claim.startupTaints()));
        Map<String, Quantity> requests = new LinkedHashMap<>();
        claim.requests().toQuantities().forEach((k, v) -> requests.put(k, new Quantity(v)));
        spec.setResources(new NodeClaimResources(requests));
        NodeClaim nodeClaim = new NodeClaim();
        nodeClaim.setMetadata(new ObjectMetaBuilder().withName(name).withLabels(labels)
                .withAnnotations(annotations)
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(pool.getApiVersion()).withKind(pool.getKind())
                        .withName(pool.getMetadata().getName()).withUid(pool.getMetadata().getUid()).withBlockOwnerDeletion(true).build())
                .build());
        nodeClaim.setSpec(spec);
        return nodeClaim;
    }

    /**
     * Keys the cloud's launch gives a value: the well-known ones and the labels the claim's instance
     * types and their capacity reservations define.
     */
    public static Set<String> cloudLabelKeys(NewClaim claim) {
        Set<String> keys = new HashSet<>(WellKnownLabels.RESOLVED_BY_PROVISIONING);
        for (InstanceOption o : claim.options()) {
            keys.addAll(o.instanceType().labels().keySet());
            keys.addAll(o.instanceType().absentLabels());
            for (Offering offering : o.instanceType().offerings()) {
                if (offering.reservation() != null) {
                    keys.addAll(offering.reservation().labels().keySet());
                }
            }
        }
        return keys;
    }

    /** The claim's requirements; the instance types listed cheapest first, as the launch tries them. */
    public static List<NodeSelectorRequirementWithMinValues> requirements(NewClaim claim) {
        List<NodeSelectorRequirementWithMinValues> out = new ArrayList<>();
        List<String> cheapestFirst = claim.options().stream().map(o -> o.name()).distinct().toList();
        for (Requirement r : claim.requirements().toList()) {
            List<String> values = KarpenterLabels.INSTANCE_TYPE.equals(r.key()) && r.operator().wireName().equals("In")
                    ? cheapestFirst.stream().filter(r.values()::contains).toList()
                    : new ArrayList<>(new TreeSet<>(r.values()));
            NodeSelectorRequirementWithMinValues req = new NodeSelectorRequirementWithMinValues(r.key(), r.operator().wireName(), values);
            req.setMinValues(r.minValues());
            out.add(req);
        }
        return out;
    }

    private static List<io.fabric8.kubernetes.api.model.Taint> taints(List<Taint> taints) {
        if (taints.isEmpty()) {
            return null;
        }
        List<io.fabric8.kubernetes.api.model.Taint> out = new ArrayList<>();
        taints.forEach(t -> out.add(new TaintBuilder().withKey(t.key()).withValue(t.value().isEmpty() ? null : t.value()).withEffect(t.effect()).build()));
        return out;
    }
}
