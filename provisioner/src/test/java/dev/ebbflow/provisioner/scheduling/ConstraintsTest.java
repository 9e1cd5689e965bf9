package dev.ebbflow.provisioner.scheduling;

import static dev.ebbflow.provisioner.scheduling.Fixtures.node;
import static dev.ebbflow.provisioner.scheduling.Fixtures.pod;
import static dev.ebbflow.provisioner.scheduling.Fixtures.term;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.provisioner.catalog.ResourceList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One constraint at a time, through the simulated kube-scheduler's entry point: a case that fits and one that must not. */
class ConstraintsTest {

    private static BindingResult bind(List<SchedulablePod> pods, ExistingNode... nodes) {
        return Scheduler.bind(pods, List.of(nodes));
    }

    private static String boundTo(BindingResult r, String pod) {
        return r.bindings().stream().filter(b -> b.pod().name().equals(pod)).map(Placement::target).findFirst().orElse(null);
    }

    private static String reason(BindingResult r, String pod) {
        return r.unschedulable().stream().filter(u -> u.pod().name().equals(pod)).map(UnschedulablePod::reason).findFirst().orElse(null);
    }

    @Nested
    class Resources {
        @Test
        void fitsWhileThereIsRoom() {
            ExistingNode n = node("n1", "4", "16Gi", Map.of(), List.of(), List.of(pod("old", "1", "1Gi")));
            BindingResult r = bind(List.of(pod("a", "2", "4Gi"), pod("b", "2", "4Gi")), n);
            assertThat(boundTo(r, "a")).isEqualTo("n1");
            assertThat(reason(r, "b")).contains("insufficient cpu");
        }

        @Test
        void memoryIsChecked() {
            BindingResult r = bind(List.of(pod("a", "1", "17Gi")), node("n1", "4", "16Gi", Map.of(), List.of(), List.of()));
            assertThat(reason(r, "a")).contains("insufficient memory");
        }

        @Test
        void extendedResourcesMustBeOffered() {
            SchedulablePod gpuPod = SchedulablePod.simple("default", "g", Map.of(),
                    ResourceList.parse(Map.of("cpu", "1", "nvidia.com/gpu", "1")));
            ExistingNode plain = node("plain", "4", "16Gi", Map.of(), List.of(), List.of());
            ExistingNode gpu = new ExistingNode("gpu", Map.of(), List.of(),
                    ResourceList.parse(Map.of("cpu", "4", "memory", "16Gi", "pods", "110", "nvidia.com/gpu", "1")), List.of());
            assertThat(reason(bind(List.of(gpuPod), plain), "g")).contains("insufficient nvidia.com/gpu");
            assertThat(boundTo(bind(List.of(gpuPod), plain, gpu), "g")).isEqualTo("gpu");
        }

        @Test
        void everyPodTakesOneSlot() {
            ExistingNode oneSlot = new ExistingNode("n1", Map.of(), List.of(), ResourceList.parse(Map.of("cpu", "4", "memory", "16Gi", "pods", "1")), List.of());
            BindingResult r = bind(List.of(pod("a", "100m", "1Mi"), pod("b", "100m", "1Mi")), oneSlot);
            assertThat(boundTo(r, "a")).isEqualTo("n1");
            assertThat(reason(r, "b")).contains("insufficient pods");
        }
    }

    @Nested
    class NodeSelection {
        @Test
        void nodeSelectorMatchesLabels() {
            SchedulablePod p = pod("a", "1", "1Gi").withNodeSelector(Requirements.fromLabels(Map.of("disk", "ssd")));
            assertThat(boundTo(bind(List.of(p), node("n1", "4", "16Gi", Map.of("disk", "ssd"), List.of(), List.of())), "a")).isEqualTo("n1");
            assertThat(reason(bind(List.of(p), node("n1", "4", "16Gi", Map.of("disk", "hdd"), List.of(), List.of())), "a")).contains("node selector");
        }

        @Test
        void requiredNodeAffinityTermsAreOred() {
            SchedulablePod p = pod("a", "1", "1Gi").withNodeAffinity(List.of(
                    Requirements.of(Requirement.in(WellKnownLabels.ZONE, "zone-x")),
                    Requirements.of(Requirement.in(WellKnownLabels.ZONE, "zone-b"))), List.of());
            assertThat(boundTo(bind(List.of(p), node("n1", "zone-a"), node("n2", "zone-b")), "a")).isEqualTo("n2");
            assertThat(reason(bind(List.of(p), node("n1", "zone-a")), "a")).contains("node selector/affinity");
        }

        @Test
        void preferredNodeAffinityIsHonouredWhenPossible() {
            SchedulablePod p = pod("a", "1", "1Gi").withNodeAffinity(List.of(),
                    List.of(new WeightedRequirements(50, Requirements.of(Requirement.in(WellKnownLabels.ZONE, "zone-b")))));
            assertThat(boundTo(bind(List.of(p), node("n1", "zone-a"), node("n2", "zone-b")), "a")).isEqualTo("n2");
        }

        @Test
        void preferredNodeAffinityIsRelaxedWhenItCannotBeMet() {
            SchedulablePod p = pod("a", "1", "1Gi").withNodeAffinity(List.of(),
                    List.of(new WeightedRequirements(50, Requirements.of(Requirement.in(WellKnownLabels.ZONE, "zone-z")))));
            assertThat(boundTo(bind(List.of(p), node("n1", "zone-a")), "a")).isEqualTo("n1");
        }
    }

    @Nested
    class Taints {
        private final ExistingNode tainted = node("t", "4", "16Gi", Map.of(), List.of(new Taint("dedicated", "db", Taint.NO_SCHEDULE)), List.of());

        @Test
        void noScheduleTaintKeepsIntolerantPodsAway() {
            assertThat(reason(bind(List.of(pod("a", "1", "1Gi")), tainted), "a")).contains("taint dedicated=db:NoSchedule");
        }

        @Test
        void matchingTolerationLetsThePodIn() {
            SchedulablePod equal = pod("a", "1", "1Gi").withTolerations(List.of(new Toleration("dedicated", "Equal", "db", "NoSchedule")));
            SchedulablePod exists = pod("b", "1", "1Gi").withTolerations(List.of(new Toleration("dedicated", "Exists", null, null)));
            SchedulablePod wrongValue = pod("c", "1", "1Gi").withTolerations(List.of(new Toleration("dedicated", "Equal", "web", "NoSchedule")));
            BindingResult r = bind(List.of(equal, exists, wrongValue), tainted);
            assertThat(boundTo(r, "a")).isEqualTo("t");
            assertThat(boundTo(r, "b")).isEqualTo("t");
            assertThat(reason(r, "c")).contains("not tolerated");
        }

        @Test
        void noExecuteTaintNeedsATolerationToo() {
            ExistingNode n = node("n", "4", "16Gi", Map.of(), List.of(new Taint("gone", "", Taint.NO_EXECUTE)), List.of());
            assertThat(reason(bind(List.of(pod("a", "1", "1Gi")), n), "a")).contains("gone:NoExecute");
            SchedulablePod tolerant = pod("b", "1", "1Gi").withTolerations(List.of(new Toleration("gone", "Exists", null, "NoExecute")));
            assertThat(boundTo(bind(List.of(tolerant), n), "b")).isEqualTo("n");
        }

        @Test
        void preferNoScheduleIsAvoidedThenAccepted() {
            ExistingNode soft = node("soft", "4", "16Gi", Map.of(), List.of(new Taint("spot", "", Taint.PREFER_NO_SCHEDULE)), List.of());
            ExistingNode clean = node("clean", "4", "16Gi", Map.of(), List.of(), List.of());
            assertThat(boundTo(bind(List.of(pod("a", "1", "1Gi")), soft, clean), "a")).isEqualTo("clean");
            assertThat(boundTo(bind(List.of(pod("a", "1", "1Gi")), soft), "a")).isEqualTo("soft");
        }
    }

    @Nested
    class PodAffinity {
        private final ExistingNode withDb = node("db-node", "4", "16Gi", Map.of(WellKnownLabels.ZONE, "zone-a"), List.of(), List.of(pod("db", "1", "1Gi")));
        private final ExistingNode empty = node("empty", "4", "16Gi", Map.of(WellKnownLabels.ZONE, "zone-b"), List.of(), List.of());

        @Test
        void hostnameAffinityFollowsTheMatchingPod() {
            SchedulablePod p = pod("web", "1", "1Gi").withPodAffinity(List.of(term("db", WellKnownLabels.HOSTNAME)), List.of());
            assertThat(boundTo(bind(List.of(p), empty, withDb), "web")).isEqualTo("db-node");
        }

        @Test
        void hostnameAffinityFailsWhenTheMatchingNodeIsFull() {
            SchedulablePod p = pod("web", "4", "1Gi").withPodAffinity(List.of(term("db", WellKnownLabels.HOSTNAME)), List.of());
            assertThat(reason(bind(List.of(p), empty, withDb), "web")).contains("pod affinity on kubernetes.io/hostname");
        }

        @Test
        void zoneAffinityAcceptsAnyNodeOfTheZone() {
            ExistingNode sameZone = node("other-a", "4", "16Gi", Map.of(WellKnownLabels.ZONE, "zone-a"), List.of(), List.of());
            SchedulablePod p = pod("web", "4", "1Gi").withPodAffinity(List.of(term("db", WellKnownLabels.ZONE)), List.of());
            BindingResult r = bind(List.of(p), empty, withDb, sameZone);
            assertThat(boundTo(r, "web")).isEqualTo("other-a");
            assertThat(reason(bind(List.of(p), empty, withDb), "web")).contains("pod affinity on topology.kubernetes.io/zone");
        }

        @Test
        void hostnameAntiAffinityAvoidsTheMatchingPod() {
            SchedulablePod p = pod("web", "1", "1Gi").withPodAntiAffinity(List.of(term("db", WellKnownLabels.HOSTNAME)), List.of());
            assertThat(boundTo(bind(List.of(p), withDb, empty), "web")).isEqualTo("empty");
            assertThat(reason(bind(List.of(p), withDb), "web")).contains("pod anti-affinity on kubernetes.io/hostname");
        }

        @Test
        void zoneAntiAffinityAvoidsTheWholeZone() {
            ExistingNode sameZone = node("other-a", "4", "16Gi", Map.of(WellKnownLabels.ZONE, "zone-a"), List.of(), List.of());
            SchedulablePod p = pod("web", "1", "1Gi").withPodAntiAffinity(List.of(term("db", WellKnownLabels.ZONE)), List.of());
            assertThat(reason(bind(List.of(p), withDb, sameZone), "web")).contains("anti-affinity");
            assertThat(boundTo(bind(List.of(p), withDb, sameZone, empty), "web")).isEqualTo("empty");
        }

        @Test
        void existingPodsAntiAffinityIsSymmetric() {
            SchedulablePod guard = pod("guard", "1", "1Gi").withPodAntiAffinity(List.of(term("web", WellKnownLabels.HOSTNAME)), List.of());
            ExistingNode guarded = node("guarded", "4", "16Gi", Map.of(), List.of(), List.of(guard));
            assertThat(reason(bind(List.of(pod("web", "1", "1Gi")), guarded), "web")).contains("anti-affinity of pods already on");
            assertThat(boundTo(bind(List.of(pod("api", "1", "1Gi")), guarded), "api")).isEqualTo("guarded");
        }

        @Test
        void preferredAntiAffinityIsRelaxed() {
            SchedulablePod p = pod("web", "1", "1Gi").withPodAntiAffinity(List.of(), List.of(new PodAffinityTerm(Fixtures.app("db"),
                    java.util.Set.of("default"), false, WellKnownLabels.HOSTNAME, 10)));
            assertThat(boundTo(bind(List.of(p), withDb, empty), "web")).isEqualTo("empty");
            assertThat(boundTo(bind(List.of(p), withDb), "web")).isEqualTo("db-node");
        }

        @Test
        void preferredAffinityIsHonouredThenRelaxed() {
            SchedulablePod p = pod("web", "1", "1Gi").withPodAffinity(List.of(), List.of(new PodAffinityTerm(Fixtures.app("db"),
                    java.util.Set.of("default"), false, WellKnownLabels.HOSTNAME, 10)));
            assertThat(boundTo(bind(List.of(p), empty, withDb), "web")).isEqualTo("db-node");
            SchedulablePod big = pod("big", "4", "1Gi").withPodAffinity(List.of(), List.of(new PodAffinityTerm(Fixtures.app("db"),
                    java.util.Set.of("default"), false, WellKnownLabels.HOSTNAME, 10)));
            assertThat(boundTo(bind(List.of(big), empty, withDb), "big")).isEqualTo("empty");
        }

        @Test
        void podsInOtherNamespacesDoNotCount() {
            SchedulablePod otherNs = SchedulablePod.simple("other", "db", Map.of("app", "db"), Fixtures.res("1", "1Gi"));
            ExistingNode n = node("n", "4", "16Gi", Map.of(), List.of(), List.of(otherNs));
            SchedulablePod p = pod("web", "1", "1Gi").withPodAntiAffinity(List.of(term("db", WellKnownLabels.HOSTNAME)), List.of());
            assertThat(boundTo(bind(List.of(p), n), "web")).isEqualTo("n");
        }
    }

    @Nested
    class TopologySpread {
        private SchedulablePod spread(String name, String key, boolean hard, int minDomains) {
            return pod(name, "1", "1Gi", Map.of("app", "web"))
                    .withSpread(List.of(new SpreadConstraint(key, 1, hard, Fixtures.app("web"), minDomains)));
        }

        private ExistingNode zoneNode(String name, String zone, int webPods, String cpu) {
            List<SchedulablePod> pods = new java.util.ArrayList<>();
            for (int i = 0; i < webPods; i++) {
                pods.add(pod(name + "-web-" + i, "100m", "1Mi", Map.of("app", "web")));
            }
            return node(name, cpu, "16Gi", Map.of(WellKnownLabels.ZONE, zone), List.of(), pods);
        }

        @Test
        void zoneSpreadGoesToTheEmptiestZone() {
            BindingResult r = bind(List.of(spread("p", WellKnownLabels.ZONE, true, 0)), zoneNode("a", "zone-a", 1, "4"), zoneNode("b", "zone-b", 0, "4"));
            assertThat(boundTo(r, "p")).isEqualTo("b");
        }

        @Test
        void zoneSpreadRefusesToExceedTheSkew() {
            // zone-b has room for nothing, so the pod would land in zone-a: skew 2 - 0 > 1
            BindingResult r = bind(List.of(spread("p", WellKnownLabels.ZONE, true, 0)), zoneNode("a", "zone-a", 1, "4"), zoneNode("b", "zone-b", 0, "100m"));
            assertThat(reason(r, "p")).contains("topology spread on topology.kubernetes.io/zone");
        }

        @Test
        void scheduleAnywayIsRelaxed() {
            BindingResult r = bind(List.of(spread("p", WellKnownLabels.ZONE, false, 0)), zoneNode("a", "zone-a", 1, "4"), zoneNode("b", "zone-b", 0, "100m"));
            assertThat(boundTo(r, "p")).isEqualTo("a");
        }

        @Test
        void hostnameSpreadKeepsSkew() {
            BindingResult r = bind(List.of(spread("p1", WellKnownLabels.HOSTNAME, true, 0), spread("p2", WellKnownLabels.HOSTNAME, true, 0)),
                    zoneNode("a", "zone-a", 1, "8"), zoneNode("b", "zone-a", 0, "8"));
            assertThat(boundTo(r, "p1")).isEqualTo("b");
            assertThat(boundTo(r, "p2")).isIn("a", "b");
            BindingResult full = bind(List.of(spread("p", WellKnownLabels.HOSTNAME, true, 0)), zoneNode("a", "zone-a", 1, "8"), zoneNode("b", "zone-a", 0, "100m"));
            assertThat(reason(full, "p")).contains("topology spread on kubernetes.io/hostname");
        }

        @Test
        void minDomainsTreatsTheMinimumAsZeroWhenTooFewDomains() {
            ExistingNode a = zoneNode("a", "zone-a", 1, "4");
            ExistingNode b = zoneNode("b", "zone-b", 1, "4");
            assertThat(boundTo(bind(List.of(spread("p", WellKnownLabels.ZONE, true, 0)), a, b), "p")).isEqualTo("a");
            assertThat(reason(bind(List.of(spread("p", WellKnownLabels.ZONE, true, 3)), a, b), "p")).contains("topology spread");
        }

        @Test
        void spreadOfManyPodsStaysBalanced() {
            List<SchedulablePod> pods = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                pods.add(spread("p" + i, WellKnownLabels.ZONE, true, 0));
            }
            BindingResult r = bind(pods, zoneNode("a", "zone-a", 0, "8"), zoneNode("b", "zone-b", 0, "8"), zoneNode("c", "zone-c", 0, "8"));
            assertThat(r.bindings()).hasSize(6);
            assertThat(r.bindings().stream().collect(java.util.stream.Collectors.groupingBy(Placement::target, java.util.stream.Collectors.counting())))
                    .containsOnly(Map.entry("a", 2L), Map.entry("b", 2L), Map.entry("c", 2L));
        }
    }

    @Nested
    class HostPorts {
        @Test
        void aTakenHostPortBlocksTheNode() {
            SchedulablePod holder = pod("holder", "100m", "1Mi").withHostPorts(List.of(new HostPort("TCP", null, 8080)));
            ExistingNode n = node("n", "4", "16Gi", Map.of(), List.of(), List.of(holder));
            SchedulablePod same = pod("same", "100m", "1Mi").withHostPorts(List.of(new HostPort("TCP", "10.0.0.1", 8080)));
            SchedulablePod other = pod("other", "100m", "1Mi").withHostPorts(List.of(new HostPort("TCP", null, 8081)));
            SchedulablePod udp = pod("udp", "100m", "1Mi").withHostPorts(List.of(new HostPort("UDP", null, 8080)));
            BindingResult r = bind(List.of(same, other, udp), n);
            assertThat(reason(r, "same")).contains("host port");
            assertThat(boundTo(r, "other")).isEqualTo("n");
            assertThat(boundTo(r, "udp")).isEqualTo("n");
        }
    }

    @Test
    void noNodesMeansUnschedulable() {
        assertThat(reason(Scheduler.bind(List.of(pod("a", "1", "1Gi")), List.of()), "a")).isEqualTo("no nodes");
    }
}
