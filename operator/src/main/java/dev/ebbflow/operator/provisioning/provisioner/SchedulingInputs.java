package dev.ebbflow.operator.provisioning.provisioner;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.operator.provisioning.nodepool.NodePoolUsage;
import dev.ebbflow.operator.provisioning.nodepool.PoolTemplates;
import dev.ebbflow.operator.provisioning.nodepool.ValidatedNodePool;
import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.scheduling.ExistingNode;
import dev.ebbflow.provisioner.scheduling.InFlightClaim;
import dev.ebbflow.provisioner.scheduling.InvalidInputException;
import dev.ebbflow.provisioner.scheduling.MinValuesPolicy;
import dev.ebbflow.provisioner.scheduling.PodConverter;
import dev.ebbflow.provisioner.scheduling.PoolTemplate;
import dev.ebbflow.provisioner.scheduling.ProvisionablePods;
import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import dev.ebbflow.provisioner.scheduling.SchedulingInput;
import dev.ebbflow.provisioner.scheduling.Taint;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the scheduling core's input from a snapshot of the cluster: a pure function, the cloud's answers passed in. */
public final class SchedulingInputs {

    private SchedulingInputs() {
    }

    /**
     * @param catalogs the cloud's answer for each NodePool (by name) that passed validation; a pool
     *     missing here is left out as having no instance types
     */
    public static PreparedRun prepare(ClusterSnapshot snapshot, Map<String, PoolCatalog> catalogs) {
        return prepare(snapshot, catalogs, MinValuesPolicy.STRICT, Map.of());
    }

    /**
     * @param nominations pod keys ({@code namespace/name}) an earlier run promised to each NodeClaim,
     *     by claim name: while the claim is in flight and the pod still pending, the pod stays on it
     *     (its room and its place in topology counted there) instead of being placed again, so a run
     *     seconds after another neither buys that room twice nor packs the pods differently
     */
    public static PreparedRun prepare(ClusterSnapshot snapshot, Map<String, PoolCatalog> catalogs, MinValuesPolicy minValuesPolicy,
                                      Map<String, Set<String>> nominations) {
        return prepare(snapshot, catalogs, minValuesPolicy, nominations, List.of());
    }

    /**
     * @param phantoms pods that do not exist yet but are expected (provisioning ahead): placed like
     *     pending pods, and kept on the claim an earlier run nominated them to in the same way
     */
    public static PreparedRun prepare(ClusterSnapshot snapshot, Map<String, PoolCatalog> catalogs, MinValuesPolicy minValuesPolicy,
                                      Map<String, Set<String>> nominations, List<SchedulablePod> phantoms) {
        Map<String, String> poolProblems = new LinkedHashMap<>();
        Map<String, NodePool> usable = new LinkedHashMap<>();
        Map<String, ValidatedNodePool> validated = new HashMap<>();
        Map<String, List<InstanceType>> types = new HashMap<>();
        Map<String, List<Taint>> classTaints = new HashMap<>();
        for (NodePool pool : snapshot.nodePools()) {
            String name = pool.getMetadata().getName();
            if (pool.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            ValidatedNodePool.Result check = ValidatedNodePool.check(pool);
            if (!check.valid()) {
                poolProblems.put(name, check.message());
                continue;
            }
            PoolCatalog catalog = catalogs.get(name);
            if (catalog == null || !catalog.ok()) {
                poolProblems.put(name, catalog == null ? "spec.template.spec.nodeClassRef: no instance types known" : catalog.problem().toString());
                continue;
            }
            usable.put(name, pool);
            validated.put(name, check.pool());
            types.put(name, catalog.instanceTypes());
            classTaints.put(name, catalog.nodeClassTaints());
        }
        List<SchedulablePod> daemonSets = daemonSetTemplates(snapshot.daemonSets());
        List<PoolTemplate> templates = new ArrayList<>();
        for (Map.Entry<String, ValidatedNodePool> e : validated.entrySet()) {
            NodePoolUsage usage = NodePoolUsage.of(e.getKey(), snapshot.nodes(), snapshot.nodeClaims(), types.get(e.getKey()));
            templates.add(PoolTemplates.of(e.getValue(), types.get(e.getKey()), classTaints.get(e.getKey()), usage, daemonSets));
        }
        Map<String, List<Pod>> bound = ExistingNodes.boundPods(snapshot.pods());
        List<ExistingNode> nodes = new ArrayList<>();
        for (Node node : snapshot.nodes()) {
            if (node.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            String pool = node.getMetadata().getLabels() == null ? null : node.getMetadata().getLabels().get(KarpenterLabels.NODE_POOL);
            List<Taint> startup = pool != null && validated.containsKey(pool) ? validated.get(pool).startupTaints() : List.of();
            nodes.add(ExistingNodes.asProvisioned(node, bound.getOrDefault(node.getMetadata().getName(), List.of()), startup));
        }
        Map<String, Pod> pending = new LinkedHashMap<>();
        Map<String, String> podProblems = new LinkedHashMap<>();
        Map<String, SchedulablePod> byKey = new LinkedHashMap<>();
        for (Pod pod : snapshot.pods()) {
            if (!ProvisionablePods.isProvisionable(pod)) {
                continue;
            }
            String key = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
            try {
                byKey.put(key, PodConverter.convert(pod));
                pending.put(key, pod);
            } catch (InvalidInputException e) {
                podProblems.put(key, e.getMessage());
            }
        }
        phantoms.forEach(p -> byKey.putIfAbsent(p.key(), p));
        Map<String, Set<String>> kept = new HashMap<>();
        List<InFlightClaim> claims = new ArrayList<>();
        for (InFlightClaim c : InFlightClaims.of(snapshot.nodeClaims(), snapshot.nodes(), types)) {
            List<SchedulablePod> promised = new ArrayList<>();
            for (String key : nominations.getOrDefault(c.name(), Set.of())) {
                SchedulablePod p = byKey.remove(key);
                if (p != null) {
                    promised.add(p);
                    kept.computeIfAbsent(c.name(), n -> new HashSet<>()).add(key);
                }
            }
            claims.add(promised.isEmpty() ? c : c.withPods(promised));
        }
        SchedulingInput input = new SchedulingInput(new ArrayList<>(byKey.values()), nodes, claims, templates, minValuesPolicy);
        return new PreparedRun(input, pending, usable, poolProblems, podProblems, kept);
    }

    /** Each DaemonSet's pod template; one that cannot be read adds no overhead rather than stopping provisioning. */
    static List<SchedulablePod> daemonSetTemplates(List<DaemonSet> daemonSets) {
        List<SchedulablePod> out = new ArrayList<>();
        for (DaemonSet ds : daemonSets) {
            PodTemplateSpec template = ds.getSpec() == null ? null : ds.getSpec().getTemplate();
            if (template == null || template.getSpec() == null) {
                continue;
            }
            Map<String, String> labels = template.getMetadata() == null || template.getMetadata().getLabels() == null
                    ? Map.of() : template.getMetadata().getLabels();
            try {
                out.add(PodConverter.convert(ds.getMetadata().getNamespace(), ds.getMetadata().getName(), labels, template.getSpec()));
            } catch (InvalidInputException e) {
                // Its pods would fail the same way on every node; the scheduler reports them, not the provisioner.
            }
        }
        return out;
    }
}
