package dev.ebbflow.operator.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The operator gets exactly the access its controllers need, named one by one. */
class HelmChartRbacTest {

    private static final List<String> READ = List.of("get", "list", "watch");
    private static final List<String> CRUD = List.of("get", "list", "watch", "create", "update", "patch", "delete");
    private static final List<String> STATUS = List.of("get", "update", "patch");
    private static final List<String> SCALE = List.of("get", "update", "patch");

    private static RbacGrants grants;

    @BeforeAll
    static void render() {
        grants = RbacGrants.of(RenderedChart.defaults());
    }

    @Test
    void noRuleUsesAWildcard() {
        assertThat(grants.rules()).isNotEmpty();
        assertThat(grants.wildcards()).isEmpty();
    }

    @Test
    void wildcardCheckCatchesAWildcardRule() {
        RbacGrants broad = RbacGrants.of(RenderedChart.defaults().plus("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata:
                  name: too-broad
                rules:
                  - apiGroups: ["apps"]
                    resources: ["*/scale"]
                    verbs: ["get"]
                """));

        assertThat(broad.wildcards()).containsExactly("ClusterRole/too-broad resources: */scale");
    }

    static Stream<Arguments> clusterWideNeeds() {
        return Stream.of(
                needs("keda.sh", List.of("scaledobjects", "scaledjobs", "triggerauthentications", "clustertriggerauthentications"),
                        List.of("get", "list", "watch", "update", "patch")),
                needs("keda.sh", List.of("scaledobjects/status", "scaledjobs/status", "triggerauthentications/status",
                        "clustertriggerauthentications/status"), STATUS),
                needs("keda.sh", List.of("scaledobjects/finalizers", "scaledjobs/finalizers",
                        "triggerauthentications/finalizers", "clustertriggerauthentications/finalizers"), List.of("update")),
                needs("autoscaling", List.of("horizontalpodautoscalers"), CRUD),
                needs("apps", List.of("deployments", "statefulsets", "replicasets", "daemonsets"), READ),
                needs("apps", List.of("deployments/scale", "statefulsets/scale"), SCALE),
                needs("batch", List.of("jobs"), CRUD),
                needs("", List.of("secrets", "configmaps"), READ),
                needs("", List.of("pods"), List.of("get", "list", "watch", "update", "patch", "delete")),
                needs("", List.of("pods/status"), List.of("update", "patch")),
                needs("", List.of("pods/eviction"), List.of("create")),
                needs("", List.of("nodes"), CRUD),
                needs("", List.of("nodes/status"), List.of("update", "patch")),
                needs("", List.of("events"), List.of("get", "create", "update", "patch")),
                needs("events.k8s.io", List.of("events"), List.of("create", "patch")),
                needs("policy", List.of("poddisruptionbudgets"), READ),
                needs("karpenter.sh", List.of("nodepools", "nodeclaims"), CRUD),
                needs("karpenter.sh", List.of("nodepools/status", "nodeclaims/status"), STATUS),
                needs("karpenter.sh", List.of("nodepools/finalizers", "nodeclaims/finalizers"), List.of("update")),
                needs("karpenter.k8s.aws", List.of("ec2nodeclasses"), List.of("get", "list", "watch", "patch")),
                needs("karpenter.k8s.aws", List.of("ec2nodeclasses/status"), STATUS),
                needs("karpenter.azure.com", List.of("aksnodeclasses"), READ),
                needs("karpenter.azure.com", List.of("aksnodeclasses/status"), STATUS),
                needs("ebbflow.dev", List.of("simulatednodeclasses"), READ),
                needs("ebbflow.dev", List.of("simulatednodeclasses/status"), STATUS),
                needs("apiextensions.k8s.io", List.of("customresourcedefinitions"), READ),
                needs("authentication.k8s.io", List.of("tokenreviews"), List.of("create")),
                needs("authorization.k8s.io", List.of("subjectaccessreviews"), List.of("create")));
    }

    private static Arguments needs(String group, List<String> resources, List<String> verbs) {
        return Arguments.of(group, resources, verbs);
    }

    @ParameterizedTest(name = "[{0}] {1}: {2}")
    @MethodSource("clusterWideNeeds")
    void grantsWhatTheControllersNeed(String group, List<String> resources, List<String> verbs) {
        for (String resource : resources) {
            for (String verb : verbs) {
                assertThat(grants.allowsClusterWide(group, resource, verb))
                        .as("%s %s in group '%s'", verb, resource, group).isTrue();
            }
        }
    }

    @Test
    void leasesOnlyWhereTheyAreUsed() {
        for (String verb : List.of("get", "create", "update")) {
            assertThat(grants.allowsIn(RenderedChart.NAMESPACE, "coordination.k8s.io", "leases", verb))
                    .as("leader election: %s", verb).isTrue();
        }
        for (String verb : List.of("get", "create", "update", "delete")) {
            assertThat(grants.allowsIn("kube-node-lease", "coordination.k8s.io", "leases", verb))
                    .as("simulated node heartbeat: %s", verb).isTrue();
        }
        assertThat(grants.allowsIn("default", "coordination.k8s.io", "leases", "update")).isFalse();
        assertThat(grants.allowsClusterWide("coordination.k8s.io", "leases", "get")).isFalse();
    }

    static Stream<Arguments> notNeeded() {
        return Stream.of(
                Arguments.of("", "secrets", "create"),
                Arguments.of("", "secrets", "update"),
                Arguments.of("", "secrets", "patch"),
                Arguments.of("", "secrets", "delete"),
                Arguments.of("", "configmaps", "update"),
                Arguments.of("", "pods/exec", "create"),
                Arguments.of("", "nodes/proxy", "get"),
                Arguments.of("", "serviceaccounts/token", "create"),
                Arguments.of("", "namespaces", "delete"),
                Arguments.of("apps", "deployments", "update"),
                Arguments.of("apps", "deployments", "delete"),
                Arguments.of("apps", "daemonsets/scale", "update"),
                Arguments.of("keda.sh", "scaledobjects", "delete"),
                Arguments.of("keda.sh", "triggerauthentications", "create"),
                Arguments.of("apiextensions.k8s.io", "customresourcedefinitions", "create"),
                Arguments.of("rbac.authorization.k8s.io", "clusterroles", "escalate"),
                Arguments.of("rbac.authorization.k8s.io", "clusterrolebindings", "create"),
                Arguments.of("", "users", "impersonate"));
    }

    @ParameterizedTest(name = "no {2} on [{0}] {1}")
    @MethodSource("notNeeded")
    void grantsNothingMore(String group, String resource, String verb) {
        assertThat(grants.allowsClusterWide(group, resource, verb)).isFalse();
    }

    @Test
    void extraScaleTargetsAddTheirScaleSubresourceAndNoWildcard() {
        RbacGrants withRollouts = RbacGrants.of(RenderedChart.with(Map.of(
                "extraScaleTargets", List.of(Map.of("apiGroup", "argoproj.io", "resource", "rollouts")))));

        assertThat(grants.allowsClusterWide("argoproj.io", "rollouts/scale", "update")).isFalse();
        for (String verb : SCALE) {
            assertThat(withRollouts.allowsClusterWide("argoproj.io", "rollouts/scale", verb)).as(verb).isTrue();
        }
        for (String verb : READ) {
            assertThat(withRollouts.allowsClusterWide("argoproj.io", "rollouts", verb)).as(verb).isTrue();
        }
        assertThat(withRollouts.allowsClusterWide("argoproj.io", "rollouts", "update")).isFalse();
        assertThat(withRollouts.wildcards()).isEmpty();
    }

    @Test
    void rbacCanBeLeftToTheUser() {
        RenderedChart chart = RenderedChart.with(Map.of("rbac", Map.of("create", false)));

        assertThat(chart.ofKind("ClusterRole")).isEmpty();
        assertThat(chart.ofKind("ClusterRoleBinding")).isEmpty();
        assertThat(chart.ofKind("Role")).isEmpty();
        assertThat(chart.ofKind("RoleBinding")).isEmpty();
    }
}
