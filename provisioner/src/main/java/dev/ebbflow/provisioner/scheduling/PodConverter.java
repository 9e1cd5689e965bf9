package dev.ebbflow.provisioner.scheduling;

import dev.ebbflow.provisioner.catalog.ResourceList;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns a Kubernetes pod (or pod template) into the compact {@link SchedulablePod}, naming the field of bad input. */
public final class PodConverter {

    private PodConverter() {
    }

    public static SchedulablePod convert(Pod pod) {
        String ns = pod.getMetadata() == null || pod.getMetadata().getNamespace() == null ? "default" : pod.getMetadata().getNamespace();
        String name = pod.getMetadata() == null ? "" : pod.getMetadata().getName();
        Map<String, String> labels = pod.getMetadata() == null || pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
        return convert(ns, name, labels, pod.getSpec() == null ? new PodSpec() : pod.getSpec());
    }

    public static SchedulablePod convert(String namespace, String name, Map<String, String> labels, PodSpec spec) {
        Requirements nodeSelector = spec.getNodeSelector() == null ? Requirements.NONE : Requirements.fromLabels(spec.getNodeSelector());
        List<Requirements> required = new ArrayList<>();
        List<WeightedRequirements> preferred = new ArrayList<>();
        List<PodAffinityTerm> aff = new ArrayList<>();
        List<PodAffinityTerm> affPref = new ArrayList<>();
        List<PodAffinityTerm> anti = new ArrayList<>();
        List<PodAffinityTerm> antiPref = new ArrayList<>();
        Affinity a = spec.getAffinity();
        if (a != null && a.getNodeAffinity() != null) {
            var na = a.getNodeAffinity();
            if (na.getRequiredDuringSchedulingIgnoredDuringExecution() != null) {
                List<NodeSelectorTerm> terms = na.getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms();
                for (int i = 0; terms != null && i < terms.size(); i++) {
                    required.add(nodeTerm(terms.get(i), "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[" + i + "]"));
                }
            }
            List<PreferredSchedulingTerm> prefs = na.getPreferredDuringSchedulingIgnoredDuringExecution();
            for (int i = 0; prefs != null && i < prefs.size(); i++) {
                String f = "spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[" + i + "]";
                int w = prefs.get(i).getWeight() == null ? 1 : prefs.get(i).getWeight();
                preferred.add(new WeightedRequirements(w, nodeTerm(prefs.get(i).getPreference(), f + ".preference")));
            }
            preferred.sort(Comparator.comparingInt(WeightedRequirements::weight).reversed());
        }
        if (a != null && a.getPodAffinity() != null) {
            podTerms(a.getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution(), a.getPodAffinity().getPreferredDuringSchedulingIgnoredDuringExecution(),
                    namespace, "spec.affinity.podAffinity", aff, affPref);
        }
        if (a != null && a.getPodAntiAffinity() != null) {
            podTerms(a.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution(), a.getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution(),
                    namespace, "spec.affinity.podAntiAffinity", anti, antiPref);
        }
        List<Toleration> tolerations = new ArrayList<>();
        if (spec.getTolerations() != null) {
            spec.getTolerations().forEach(t -> tolerations.add(new Toleration(t.getKey(), t.getOperator(), t.getValue(), t.getEffect())));
        }
        List<SpreadConstraint> spread = new ArrayList<>();
        List<TopologySpreadConstraint> tscs = spec.getTopologySpreadConstraints();
        for (int i = 0; tscs != null && i < tscs.size(); i++) {
            TopologySpreadConstraint c = tscs.get(i);
            String f = "spec.topologySpreadConstraints[" + i + "]";
            if (c.getTopologyKey() == null || c.getTopologyKey().isEmpty()) {
                throw new InvalidInputException(f + ".topologyKey", "must not be empty");
            }
            if (c.getMaxSkew() == null || c.getMaxSkew() < 1) {
                throw new InvalidInputException(f + ".maxSkew", "must be at least 1");
            }
            String when = c.getWhenUnsatisfiable() == null ? "DoNotSchedule" : c.getWhenUnsatisfiable();
            if (!when.equals("DoNotSchedule") && !when.equals("ScheduleAnyway")) {
                throw new InvalidInputException(f + ".whenUnsatisfiable", "must be DoNotSchedule or ScheduleAnyway, got '" + when + "'");
            }
            spread.add(new SpreadConstraint(c.getTopologyKey(), c.getMaxSkew(), when.equals("DoNotSchedule"),
                    withLabelKeys(selector(c.getLabelSelector(), f + ".labelSelector"), c.getMatchLabelKeys(), labels),
                    c.getMinDomains() == null ? 0 : c.getMinDomains(),
                    !"Ignore".equals(policy(c.getNodeAffinityPolicy(), "Honor", f + ".nodeAffinityPolicy")),
                    "Honor".equals(policy(c.getNodeTaintsPolicy(), "Ignore", f + ".nodeTaintsPolicy"))));
        }
        List<HostPort> ports = new ArrayList<>();
        for (List<Container> cs : List.of(nullSafe(spec.getInitContainers()), nullSafe(spec.getContainers()))) {
            for (Container c : cs) {
                for (ContainerPort p : nullSafe(c.getPorts())) {
                    if (p.getHostPort() != null && p.getHostPort() > 0) {
                        ports.add(new HostPort(p.getProtocol(), p.getHostIP(), p.getHostPort()));
                    }
                }
            }
        }
        return new SchedulablePod(namespace, name, labels, effectiveRequests(spec), nodeSelector, required, preferred, tolerations,
                aff, affPref, anti, antiPref, spread, ports);
    }

    /**
     * Kubernetes' effective pod request per resource: the larger of (a) the sum of the app containers
     * and of every restartable init container (sidecar), and (b) the peak during init, where each plain
     * init container runs alongside the sidecars started before it; then the pod overhead and one pod slot.
     */
    public static ResourceList effectiveRequests(PodSpec spec) {
        Map<String, Long> containers = new HashMap<>();
        for (Container c : nullSafe(spec.getContainers())) {
            requestsOf(c).forEach((k, v) -> containers.merge(k, v, Long::sum));
        }
        Map<String, Long> sidecars = new HashMap<>();
        Map<String, Long> initPeak = new HashMap<>();
        for (Container c : nullSafe(spec.getInitContainers())) {
            Map<String, Long> r = requestsOf(c);
            if ("Always".equals(c.getRestartPolicy())) {
                r.forEach((k, v) -> sidecars.merge(k, v, Long::sum));
                sidecars.forEach((k, v) -> initPeak.merge(k, v, Math::max));
            } else {
                r.forEach((k, v) -> initPeak.merge(k, v + sidecars.getOrDefault(k, 0L), Math::max));
            }
        }
        Map<String, Long> total = new HashMap<>(containers);
        sidecars.forEach((k, v) -> total.merge(k, v, Long::sum));
        initPeak.forEach((k, v) -> total.merge(k, v, Math::max));
        if (spec.getOverhead() != null) {
            spec.getOverhead().forEach((k, q) -> total.merge(k, milli(q), Long::sum));
        }
        total.merge(ResourceList.PODS, 1000L, Long::sum);
        return ResourceList.ofMilli(total);
    }

    private static Map<String, Long> requestsOf(Container c) {
        Map<String, Long> out = new HashMap<>();
        if (c.getResources() == null) {
            return out;
        }
        // A limit without a request means request = limit, as the API server defaults it.
        if (c.getResources().getLimits() != null) {
            c.getResources().getLimits().forEach((k, q) -> out.put(k, milli(q)));
        }
        if (c.getResources().getRequests() != null) {
            c.getResources().getRequests().forEach((k, q) -> out.put(k, milli(q)));
        }
        return out;
    }

    private static long milli(Quantity q) {
        long fast = wholeMilli(q.getAmount(), q.getFormat());
        if (fast >= 0) {
            return fast;
        }
        return q.getNumericalAmount().multiply(BigDecimal.valueOf(1000)).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    /**
     * The common quantities (a whole number with no suffix or with m, k, M, G, Ki, Mi or Gi) in
     * milli-units without BigDecimal; -1 for anything else, which the exact path then parses.
     */
    static long wholeMilli(String amount, String format) {
        if (amount == null || amount.isEmpty() || amount.length() > 12) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < amount.length(); i++) {
            char c = amount.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        long unitMilli = switch (format == null ? "" : format) {
            case "" -> 1000L;
            case "m" -> 1L;
            case "k" -> 1000L * 1000;
            case "M" -> 1000L * 1000_000;
            case "G" -> 1000L * 1000_000_000;
            case "Ki" -> 1000L << 10;
            case "Mi" -> 1000L << 20;
            case "Gi" -> 1000L << 30;
            default -> -1;
        };
        return unitMilli < 0 || n > Long.MAX_VALUE / unitMilli ? -1 : n * unitMilli;
    }

    private static Requirements nodeTerm(NodeSelectorTerm term, String field) {
        List<Requirement> rs = new ArrayList<>();
        List<NodeSelectorRequirement> exprs = term == null ? null : term.getMatchExpressions();
        for (int i = 0; exprs != null && i < exprs.size(); i++) {
            NodeSelectorRequirement e = exprs.get(i);
            String f = field + ".matchExpressions[" + i + "]";
            rs.add(Requirement.validated(e.getKey(), Operator.parse(e.getOperator(), f + ".operator"), e.getValues(), null, f));
        }
        return Requirements.of(rs);
    }

    private static void podTerms(List<io.fabric8.kubernetes.api.model.PodAffinityTerm> req, List<WeightedPodAffinityTerm> pref, String ownNamespace,
                                 String field, List<PodAffinityTerm> outReq, List<PodAffinityTerm> outPref) {
        for (int i = 0; req != null && i < req.size(); i++) {
            outReq.add(podTerm(req.get(i), 0, ownNamespace, field + ".requiredDuringSchedulingIgnoredDuringExecution[" + i + "]"));
        }
        for (int i = 0; pref != null && i < pref.size(); i++) {
            String f = field + ".preferredDuringSchedulingIgnoredDuringExecution[" + i + "]";
            int w = pref.get(i).getWeight() == null ? 1 : pref.get(i).getWeight();
            outPref.add(podTerm(pref.get(i).getPodAffinityTerm(), w, ownNamespace, f + ".podAffinityTerm"));
        }
        outPref.sort(Comparator.comparingInt(PodAffinityTerm::weight).reversed());
    }

    private static PodAffinityTerm podTerm(io.fabric8.kubernetes.api.model.PodAffinityTerm t, int weight, String ownNamespace, String field) {
        if (t == null || t.getTopologyKey() == null || t.getTopologyKey().isEmpty()) {
            throw new InvalidInputException(field + ".topologyKey", "must not be empty");
        }
        // An empty namespaceSelector selects every namespace; a non-empty one would need namespace
        // labels, which this pure core does not have, so it is treated like "all namespaces" too.
        boolean all = t.getNamespaceSelector() != null;
        Set<String> namespaces = t.getNamespaces() == null || t.getNamespaces().isEmpty() ? Set.of(ownNamespace) : Set.copyOf(t.getNamespaces());
        return new PodAffinityTerm(selector(t.getLabelSelector(), field + ".labelSelector"), all ? Set.of() : namespaces, all, t.getTopologyKey(), weight);
    }

    static LabelSelector selector(io.fabric8.kubernetes.api.model.LabelSelector s, String field) {
        if (s == null) {
            return LabelSelector.NOTHING;
        }
        List<Requirement> rs = new ArrayList<>();
        List<LabelSelectorRequirement> exprs = s.getMatchExpressions();
        for (int i = 0; exprs != null && i < exprs.size(); i++) {
            LabelSelectorRequirement e = exprs.get(i);
            String f = field + ".matchExpressions[" + i + "]";
            Operator op = Operator.parse(e.getOperator(), f + ".operator");
            if (op.isNumeric()) {
                throw new InvalidInputException(f + ".operator", "a label selector takes In, NotIn, Exists or DoesNotExist");
            }
            rs.add(Requirement.validated(e.getKey(), op, e.getValues(), null, f));
        }
        return LabelSelector.of(s.getMatchLabels() == null ? Map.of() : s.getMatchLabels(), rs);
    }

    private static String policy(String value, String byDefault, String field) {
        String v = value == null ? byDefault : value;
        if (!v.equals("Honor") && !v.equals("Ignore")) {
            throw new InvalidInputException(field, "must be Honor or Ignore, got '" + v + "'");
        }
        return v;
    }

    /**
     * {@code matchLabelKeys}: the pod's own values of those keys are ANDed into the selector, so a
     * Deployment's spread counts only pods of the same revision ({@code pod-template-hash}); a key the
     * pod lacks is ignored, as in Kubernetes.
     */
    private static LabelSelector withLabelKeys(LabelSelector selector, List<String> keys, Map<String, String> podLabels) {
        if (keys == null || keys.isEmpty() || selector.matchesNothing()) {
            return selector;
        }
        Map<String, String> own = new HashMap<>();
        for (String k : keys) {
            if (podLabels.containsKey(k)) {
                own.put(k, podLabels.get(k));
            }
        }
        return own.isEmpty() ? selector : new LabelSelector(selector.requirements().and(Requirements.fromLabels(own)), false);
    }

    private static <T> List<T> nullSafe(List<T> l) {
        return l == null ? List.of() : l;
    }
}
