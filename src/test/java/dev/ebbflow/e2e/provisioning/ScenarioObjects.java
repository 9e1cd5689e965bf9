package dev.ebbflow.e2e.provisioning;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClassReference;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.crds.karpenter.NodeSelectorRequirementWithMinValues;
import dev.ebbflow.crds.simulated.SimulatedNodeClass;
import dev.ebbflow.provisioner.catalog.ResourceList;
import dev.ebbflow.provisioner.scheduling.HostPort;
import dev.ebbflow.provisioner.scheduling.LabelSelector;
import dev.ebbflow.provisioner.scheduling.Operator;
import dev.ebbflow.provisioner.scheduling.PodAffinityTerm;
import dev.ebbflow.provisioner.scheduling.PoolTemplate;
import dev.ebbflow.provisioner.scheduling.Requirement;
import dev.ebbflow.provisioner.scheduling.Requirements;
import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import dev.ebbflow.provisioner.scheduling.SpreadConstraint;
import dev.ebbflow.provisioner.scheduling.Taint;
import dev.ebbflow.provisioner.scheduling.Toleration;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario's pods and NodePools as the Kubernetes objects a user would apply: the core's
 * {@link SchedulablePod} becomes a Pod (node selector, affinities, tolerations, spread, host ports),
 * a {@link PoolTemplate} a NodePool (requirements, labels, taints, startup taints, limits, weight)
 * and its DaemonSets real DaemonSets. Every pool of the scenario carries the scenario's own taint and
 * label, which only its pods and DaemonSets tolerate and select, so that scenarios run side by side
 * without sharing nodes, and a topology spread counts only the scenario's own nodes' domains.
 */
final class ScenarioObjects {

    /** A taint and a label of every node of the scenario, which only its pods tolerate and select. */
    static final String SCENARIO_TAINT = "ebbflow.dev/e2e-scenario";
    static final String SCENARIO_LABEL = SCENARIO_TAINT;

    private final String id;
    private final String namespace;

    ScenarioObjects(String id, String namespace) {
        this.id = id;
        this.namespace = namespace;
    }

    String poolName(String pool) {
        return id + "-" + pool;
    }

    /** The scenario's pool name of a NodePool of this scenario. */
    String scenarioPool(String nodePool) {
        return nodePool.substring(id.length() + 1);
    }

    Pod pod(SchedulablePod p) {
        return new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata().withName(p.name()).withNamespace(namespace)
                .withLabels(p.labels()).endMetadata().withSpec(spec(p)).build();
    }

    /** The DaemonSets of a pool, each kept to that pool's nodes, as the core counts it for that pool only. */
    List<DaemonSet> daemonSets(PoolTemplate t) {
        List<DaemonSet> out = new ArrayList<>();
        for (int i = 0; i < t.daemonSets().size(); i++) {
            SchedulablePod template = t.daemonSets().get(i);
            String name = poolName(t.name()) + "-ds-" + i;
            PodSpec spec = spec(template);
            Map<String, String> selector = new LinkedHashMap<>(spec.getNodeSelector() == null ? Map.of() : spec.getNodeSelector());
            selector.put(KarpenterLabels.NODE_POOL, poolName(t.name()));
            spec.setNodeSelector(selector);
            Map<String, String> labels = new LinkedHashMap<>(template.labels());
            labels.put("daemonset", name);
            out.add(new DaemonSetBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                    .withNewSpec().withNewSelector().addToMatchLabels("daemonset", name).endSelector()
                    .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withSpec(spec).endTemplate().endSpec().build());
        }
        return out;
    }

    private PodSpec spec(SchedulablePod p) {
        Map<String, Quantity> requests = new LinkedHashMap<>();
        p.requests().toQuantities().forEach((k, v) -> {
            if (!ResourceList.PODS.equals(k)) {
                requests.put(k, new Quantity(v));
            }
        });
        List<ContainerPort> ports = new ArrayList<>();
        for (HostPort hp : p.hostPorts()) {
            ports.add(new io.fabric8.kubernetes.api.model.ContainerPortBuilder().withContainerPort(hp.port()).withHostPort(hp.port())
                    .withProtocol(hp.protocol()).withHostIP(hp.hostIp() == null || hp.hostIp().isEmpty() ? null : hp.hostIp()).build());
        }
        PodSpecBuilder spec = new PodSpecBuilder().withTerminationGracePeriodSeconds(0L)
                .addNewContainer().withName("app").withImage("registry.example.com/app:1").withNewResources().withRequests(requests).endResources()
                .withPorts(ports).endContainer()
                .withNodeSelector(nodeSelector(p.nodeSelector()))
                .addToNodeSelector(SCENARIO_LABEL, id);
        for (Toleration t : p.tolerations()) {
            spec.addToTolerations(new TolerationBuilder().withKey(t.key() == null || t.key().isEmpty() ? null : t.key()).withOperator(t.operator())
                    .withValue(t.value()).withEffect(t.effect() == null || t.effect().isEmpty() ? null : t.effect()).build());
        }
        spec.addToTolerations(RealClusterProvisioning.TOLERATE_SIMULATED,
                new TolerationBuilder().withKey(SCENARIO_TAINT).withOperator("Equal").withValue(id).withEffect("NoSchedule").build());
        for (SpreadConstraint c : p.spreadConstraints()) {
            TopologySpreadConstraint t = new TopologySpreadConstraint();
            t.setTopologyKey(c.topologyKey());
            t.setMaxSkew(c.maxSkew());
            t.setWhenUnsatisfiable(c.doNotSchedule() ? "DoNotSchedule" : "ScheduleAnyway");
            t.setLabelSelector(selector(c.selector()));
            if (c.minDomains() > 1) {
                t.setMinDomains(c.minDomains());
            }
            t.setNodeAffinityPolicy(c.honorNodeAffinity() ? "Honor" : "Ignore");
            t.setNodeTaintsPolicy(c.honorNodeTaints() ? "Honor" : "Ignore");
            spec.addToTopologySpreadConstraints(t);
        }
        spec.withAffinity(affinity(p));
        return spec.build();
    }

    private static Map<String, String> nodeSelector(Requirements selector) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Requirement r : selector.toList()) {
            if (r.operator() != Operator.IN || r.values().size() != 1) {
                throw new IllegalArgumentException("a node selector holds single values only: " + r);
            }
            out.put(r.key(), r.values().iterator().next());
        }
        return out;
    }

    private Affinity affinity(SchedulablePod p) {
        Affinity a = new Affinity();
        if (!p.requiredNodeTerms().isEmpty() || !p.preferredNodeTerms().isEmpty()) {
            io.fabric8.kubernetes.api.model.NodeAffinity node = new io.fabric8.kubernetes.api.model.NodeAffinity();
            if (!p.requiredNodeTerms().isEmpty()) {
                node.setRequiredDuringSchedulingIgnoredDuringExecution(new io.fabric8.kubernetes.api.model.NodeSelector(
                        p.requiredNodeTerms().stream().map(ScenarioObjects::nodeTerm).toList()));
            }
            node.setPreferredDuringSchedulingIgnoredDuringExecution(p.preferredNodeTerms().stream()
                    .map(w -> new PreferredSchedulingTerm(nodeTerm(w.requirements()), w.weight())).toList());
            a.setNodeAffinity(node);
        }
        if (!p.requiredAffinity().isEmpty() || !p.preferredAffinity().isEmpty()) {
            a.setPodAffinity(new io.fabric8.kubernetes.api.model.PodAffinity(
                    p.preferredAffinity().stream().map(this::weighted).toList(), p.requiredAffinity().stream().map(this::podTerm).toList()));
        }
        if (!p.requiredAntiAffinity().isEmpty() || !p.preferredAntiAffinity().isEmpty()) {
            a.setPodAntiAffinity(new io.fabric8.kubernetes.api.model.PodAntiAffinity(
                    p.preferredAntiAffinity().stream().map(this::weighted).toList(), p.requiredAntiAffinity().stream().map(this::podTerm).toList()));
        }
        return a.getNodeAffinity() == null && a.getPodAffinity() == null && a.getPodAntiAffinity() == null ? null : a;
    }

    private static NodeSelectorTerm nodeTerm(Requirements term) {
        List<NodeSelectorRequirement> expressions = new ArrayList<>();
        for (Requirement r : term.toList()) {
            if (r.operator() == Operator.GTE || r.operator() == Operator.LTE) {
                throw new IllegalArgumentException("Kubernetes node affinity has no " + r.operator().wireName());
            }
            expressions.add(new NodeSelectorRequirement(r.key(), r.operator().wireName(), r.values().stream().sorted().toList()));
        }
        return new NodeSelectorTerm(expressions, List.of());
    }

    private io.fabric8.kubernetes.api.model.PodAffinityTerm podTerm(PodAffinityTerm t) {
        io.fabric8.kubernetes.api.model.PodAffinityTerm out = new io.fabric8.kubernetes.api.model.PodAffinityTerm();
        out.setLabelSelector(selector(t.selector()));
        out.setTopologyKey(t.topologyKey());
        if (t.allNamespaces()) {
            out.setNamespaceSelector(new io.fabric8.kubernetes.api.model.LabelSelector());
        } else {
            // The scenarios' pods live in "default"; here each scenario has its own namespace.
            out.setNamespaces(t.namespaces().stream().map(ns -> "default".equals(ns) ? namespace : ns).sorted().toList());
        }
        return out;
    }

    private WeightedPodAffinityTerm weighted(PodAffinityTerm t) {
        return new WeightedPodAffinityTerm(podTerm(t), t.weight());
    }

    private static io.fabric8.kubernetes.api.model.LabelSelector selector(LabelSelector s) {
        if (s.matchesNothing()) {
            throw new IllegalArgumentException("a selector that matches nothing has no Kubernetes form");
        }
        List<LabelSelectorRequirement> expressions = new ArrayList<>();
        for (Requirement r : s.requirements().toList()) {
            expressions.add(new LabelSelectorRequirement(r.key(), r.operator().wireName(), r.values().stream().sorted().toList()));
        }
        return new io.fabric8.kubernetes.api.model.LabelSelector(expressions, Map.of());
    }

    /** The pool as a NodePool of {@code nodeClass}, its nodes kept until the pool goes so that each is counted. */
    void nodePool(NodePool pool, PoolTemplate t, String nodeClass) {
        if (!t.daemonSetOverhead().asMilliMap().isEmpty()) {
            throw new IllegalArgumentException("a DaemonSet overhead without DaemonSets has no Kubernetes form");
        }
        var template = pool.getSpec().getTemplate();
        template.getSpec().setNodeClassRef(new NodeClassReference(SimulatedNodeClass.GROUP, SimulatedNodeClass.KIND, nodeClass));
        List<NodeSelectorRequirementWithMinValues> requirements = new ArrayList<>();
        for (Requirement r : t.requirements().toList()) {
            NodeSelectorRequirementWithMinValues req = new NodeSelectorRequirementWithMinValues(r.key(), r.operator().wireName(),
                    r.values().stream().sorted().toList());
            req.setMinValues(r.minValues());
            requirements.add(req);
        }
        template.getSpec().setRequirements(requirements);
        if (template.getMetadata() == null) {
            template.setMetadata(new dev.ebbflow.crds.karpenter.NodeClaimTemplateMetadata());
        }
        Map<String, String> labels = new HashMap<>(t.labels());
        labels.put(SCENARIO_LABEL, id);
        template.getMetadata().setLabels(labels);
        List<io.fabric8.kubernetes.api.model.Taint> taints = new ArrayList<>(t.taints().stream().map(ScenarioObjects::taint).toList());
        taints.add(new io.fabric8.kubernetes.api.model.Taint("NoSchedule", SCENARIO_TAINT, null, id));
        template.getSpec().setTaints(taints);
        template.getSpec().setStartupTaints(t.startupTaints().stream().map(ScenarioObjects::taint).toList());
        Map<String, Quantity> limits = new LinkedHashMap<>();
        if (t.remainingCpuMilli() != null) {
            limits.put(ResourceList.CPU, new Quantity(ResourceList.formatMilli(t.remainingCpuMilli())));
        }
        if (t.remainingMemoryMilli() != null) {
            limits.put(ResourceList.MEMORY, new Quantity(ResourceList.formatMilli(t.remainingMemoryMilli())));
        }
        if (t.remainingNodes() != null) {
            limits.put("nodes", new Quantity(Long.toString(t.remainingNodes())));
        }
        t.remainingOtherMilli().forEach((k, v) -> limits.put(k, new Quantity(ResourceList.formatMilli(v))));
        pool.getSpec().setLimits(limits.isEmpty() ? null : limits);
        pool.getSpec().setWeight(t.weight() == 0 ? null : t.weight());
        pool.getSpec().getDisruption().setConsolidateAfter("Never");
    }

    private static io.fabric8.kubernetes.api.model.Taint taint(Taint t) {
        return new io.fabric8.kubernetes.api.model.Taint(t.effect(), t.key(), null, t.value());
    }
}
