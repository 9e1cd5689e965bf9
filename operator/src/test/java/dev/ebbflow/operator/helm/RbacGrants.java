package dev.ebbflow.operator.helm;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the chart's ClusterRoles and Roles allow, evaluated the way the RBAC authorizer does for
 * explicit (wildcard-free) rules: a request is allowed when one rule names its group, resource and verb.
 */
final class RbacGrants {

    /** A rule, and the namespace it applies to ({@code null}: every namespace, from a ClusterRole). */
    record ScopedRule(String namespace, String source, PolicyRule rule) {
    }

    private final List<ScopedRule> rules;

    private RbacGrants(List<ScopedRule> rules) {
        this.rules = rules;
    }

    static RbacGrants of(RenderedChart chart) {
        List<ScopedRule> rules = new ArrayList<>();
        for (GenericKubernetesResource o : chart.ofKind("ClusterRole")) {
            ClusterRole role = RenderedChart.as(o, ClusterRole.class);
            role.getRules().forEach(r -> rules.add(new ScopedRule(null, "ClusterRole/" + role.getMetadata().getName(), r)));
        }
        for (GenericKubernetesResource o : chart.ofKind("Role")) {
            Role role = RenderedChart.as(o, Role.class);
            role.getRules().forEach(r -> rules.add(new ScopedRule(
                    role.getMetadata().getNamespace(), "Role/" + role.getMetadata().getName(), r)));
        }
        return new RbacGrants(rules);
    }

    List<ScopedRule> rules() {
        return rules;
    }

    /** Allowed in every namespace (or for a cluster-scoped resource). */
    boolean allowsClusterWide(String group, String resource, String verb) {
        return rules.stream().filter(r -> r.namespace() == null).anyMatch(r -> matches(r.rule(), group, resource, verb));
    }

    /** Allowed in one namespace, by a ClusterRole or by a Role of that namespace. */
    boolean allowsIn(String namespace, String group, String resource, String verb) {
        return rules.stream()
                .filter(r -> r.namespace() == null || r.namespace().equals(namespace))
                .anyMatch(r -> matches(r.rule(), group, resource, verb));
    }

    /**
     * What the operator could not do with a CRD it installs: watch its objects and, when the CRD
     * has a status subresource, write that status.
     */
    List<String> missingFor(CustomResourceDefinition crd) {
        String group = crd.getSpec().getGroup();
        String plural = crd.getSpec().getNames().getPlural();
        List<String> missing = new ArrayList<>();
        for (String verb : List.of("get", "list", "watch")) {
            if (!allowsClusterWide(group, plural, verb)) {
                missing.add(verb + " " + plural + "." + group);
            }
        }
        boolean hasStatus = crd.getSpec().getVersions().stream()
                .anyMatch(v -> v.getSubresources() != null && v.getSubresources().getStatus() != null);
        if (hasStatus && !allowsClusterWide(group, plural + "/status", "patch")) {
            missing.add("patch " + plural + "/status." + group);
        }
        return missing;
    }

    /** Every string of every rule field that RBAC would treat as a wildcard. */
    List<String> wildcards() {
        return rules.stream().flatMap(r -> Stream.of(
                        fieldWildcards(r, "apiGroups", r.rule().getApiGroups()),
                        fieldWildcards(r, "resources", r.rule().getResources()),
                        fieldWildcards(r, "verbs", r.rule().getVerbs()),
                        fieldWildcards(r, "resourceNames", r.rule().getResourceNames()),
                        fieldWildcards(r, "nonResourceURLs", r.rule().getNonResourceURLs()))
                .flatMap(List::stream))
                .toList();
    }

    private static List<String> fieldWildcards(ScopedRule r, String field, List<String> values) {
        if (values == null) {
            return List.of();
        }
        return values.stream().filter(v -> v.contains("*")).map(v -> r.source() + " " + field + ": " + v).toList();
    }

    private static boolean matches(PolicyRule rule, String group, String resource, String verb) {
        return contains(rule.getApiGroups(), group) && contains(rule.getResources(), resource) && contains(rule.getVerbs(), verb);
    }

    private static boolean contains(List<String> values, String value) {
        return values != null && values.contains(value);
    }
}
