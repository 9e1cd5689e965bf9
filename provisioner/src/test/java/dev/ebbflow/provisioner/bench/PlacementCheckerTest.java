package dev.ebbflow.provisioner.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Offering;
import dev.ebbflow.provisioner.catalog.ResourceList;
import dev.ebbflow.provisioner.scheduling.InstanceOption;
import dev.ebbflow.provisioner.scheduling.NewClaim;
import dev.ebbflow.provisioner.scheduling.PodConverter;
import dev.ebbflow.provisioner.scheduling.Requirement;
import dev.ebbflow.provisioner.scheduling.Requirements;
import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import dev.ebbflow.provisioner.scheduling.SchedulingResult;
import dev.ebbflow.provisioner.scheduling.Taint;
import dev.ebbflow.provisioner.scheduling.UnschedulablePod;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The benchmark's independent checker: each rule it checks, broken on purpose, is reported. */
class PlacementCheckerTest {

    private static final Set<String> ZONES = Set.of("test-zone-1", "test-zone-2", "test-zone-3");
    private static final InstanceType SMALL = KarpenterWorkload.instanceTypes(2).get(1);

    @Test
    void aSoundLayoutHasNoViolations() {
        Pod a = pod("a", "500m", Map.of("app", "x"));
        Pod b = pod("b", "500m", Map.of("app", "x"));
        List<String> v = check(List.of(a, b), claim("test-zone-1", List.of(), a), claim("test-zone-2", List.of(), b));
        assertThat(v).isEmpty();
    }

    @Test
    void podsBeyondAllocatableAreReported() {
        Pod a = pod("a", "1500m", Map.of());
        Pod b = pod("b", "500m", Map.of());
        // 2 vCPU less 100m kube-reserved: 2 CPUs of requests do not fit.
        assertThat(check(List.of(a, b), claim("test-zone-1", List.of(), a, b))).anyMatch(s -> s.contains("cpu requested 2.000 > allocatable 1.900"));
    }

    @Test
    void anUnplacedOrUnschedulablePodIsReported() {
        Pod a = pod("a", "100m", Map.of());
        Pod b = pod("b", "100m", Map.of());
        SchedulingResult r = result(List.of(claim("test-zone-1", List.of(), a)), List.of(new UnschedulablePod(PodConverter.convert(b), "no room")));
        assertThat(PlacementChecker.check(List.of(a, b), r, List.of(), ZONES)).anyMatch(s -> s.startsWith("unschedulable: b"))
                .anyMatch(s -> s.contains("placed nowhere"));
    }

    @Test
    void twoAntiAffinePodsOnOneNodeAreReported() {
        Pod a = anti("a");
        Pod b = anti("b");
        assertThat(check(List.of(a, b), claim("test-zone-1", List.of(), a, b))).anyMatch(s -> s.contains("shares its kubernetes.io/hostname"));
        assertThat(check(List.of(a, b), claim("test-zone-1", List.of(), a), claim("test-zone-1", List.of(), b))).isEmpty();
    }

    @Test
    void podAffinityWithoutAMatchingPodInTheZoneIsReported() {
        Pod wants = new PodBuilder(pod("w", "100m", Map.of())).editSpec().withNewAffinity().withNewPodAffinity()
                .addToRequiredDuringSchedulingIgnoredDuringExecution(new PodAffinityTermBuilder().withTopologyKey(KarpenterWorkload.ZONE)
                        .withLabelSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("app", "db")).build()).build())
                .endPodAffinity().endAffinity().endSpec().build();
        Pod db = pod("db", "100m", Map.of("app", "db"));
        assertThat(check(List.of(wants, db), claim("test-zone-1", List.of(), wants), claim("test-zone-2", List.of(), db)))
                .anyMatch(s -> s.contains("no pod matching {app=db}"));
        assertThat(check(List.of(wants, db), claim("test-zone-2", List.of(), wants), claim("test-zone-2", List.of(), db))).isEmpty();
    }

    @Test
    void aZonalRuleOnAClaimWhoseZoneIsOpenIsReported() {
        Pod s = spread("s", KarpenterWorkload.ZONE, "x", "x");
        assertThat(check(List.of(s), claim(null, List.of(), s))).anyMatch(v -> v.contains("may launch in any of several zones"));
    }

    @Test
    void zonalSkewIsJudgedInPlacementOrder() {
        Pod s1 = spread("s1", KarpenterWorkload.ZONE, "x", "x");
        Pod s2 = spread("s2", KarpenterWorkload.ZONE, "x", "x");
        Pod s3 = spread("s3", KarpenterWorkload.ZONE, "x", "x");
        assertThat(check(List.of(s1, s2, s3), claim("test-zone-1", List.of(), s1), claim("test-zone-2", List.of(), s2),
                claim("test-zone-3", List.of(), s3))).isEmpty();
        assertThat(check(List.of(s1, s2, s3), claim("test-zone-1", List.of(), s1, s2), claim("test-zone-3", List.of(), s3)))
                .anyMatch(v -> v.contains("s2: zonal spread {my-label=x} finds [1, 0, 0]"));
    }

    @Test
    void aGenericPodJoiningAfterTheSpreadPodsDoesNotBreakThem() {
        Pod s1 = spread("s1", KarpenterWorkload.ZONE, "x", "x");
        Pod g = pod("g", "100m", Map.of(KarpenterWorkload.SPREAD_KEY, "x"));
        Pod s2 = spread("s2", KarpenterWorkload.ZONE, "x", "x");
        // Placed claim by claim, s1 and g, then s2: zone 1 has two matches, zone 2 none, s2 goes to zone 2.
        assertThat(check(List.of(s1, s2, g), claim("test-zone-1", List.of(), s1, g), claim("test-zone-2", List.of(), s2))).isEmpty();
        assertThat(PlacementChecker.check(List.of(s1, s2, g), result(List.of(claim("test-zone-1", List.of(), s1, g), claim("test-zone-1", List.of(), s2)),
                List.of()), List.of(), ZONES)).anyMatch(v -> v.contains("s2: zonal spread"));
    }

    @Test
    void hostnameSkewCountsThePodsAlreadyOnTheNode() {
        Pod g = pod("g", "100m", Map.of(KarpenterWorkload.SPREAD_KEY, "x"));
        Pod s = spread("s", KarpenterWorkload.HOSTNAME, "x", "x");
        assertThat(check(List.of(g, s), claim("test-zone-1", List.of(), g, s))).anyMatch(v -> v.contains("hostname spread {my-label=x} finds 1"));
        Pod other = spread("o", KarpenterWorkload.HOSTNAME, "y", "x");
        assertThat(check(List.of(g, other), claim("test-zone-1", List.of(), g, other))).isEmpty();
    }

    @Test
    void anUntoleratedTaintIsReported() {
        Pod a = pod("a", "100m", Map.of());
        assertThat(check(List.of(a), claim("test-zone-1", List.of(new Taint("gpu", "true", Taint.NO_SCHEDULE)), a))).anyMatch(v -> v.contains("does not tolerate"));
    }

    private static List<String> check(List<Pod> pods, NewClaim... claims) {
        return PlacementChecker.check(pods, result(List.of(claims), List.of()), List.of(), ZONES);
    }

    /** The placement order: claim by claim, each claim's pods in turn. */
    private static SchedulingResult result(List<NewClaim> claims, List<UnschedulablePod> unschedulable) {
        List<SchedulablePod> order = new ArrayList<>();
        claims.forEach(c -> order.addAll(c.pods()));
        return new SchedulingResult(List.of(), List.of(), claims, unschedulable, List.of(), order);
    }

    private static NewClaim claim(String zone, List<Taint> taints, Pod... pods) {
        Requirements r = zone == null ? Requirements.of(Requirement.in(KarpenterWorkload.ZONE, ZONES.toArray(new String[0])))
                : Requirements.of(Requirement.in(KarpenterWorkload.ZONE, zone));
        Offering offering = SMALL.offerings().stream().filter(o -> zone == null || o.zone().equals(zone)).findFirst().orElseThrow();
        return new NewClaim("default", r, taints, List.of(), List.of(pods).stream().map(PodConverter::convert).toList(), ResourceList.EMPTY,
                List.of(new InstanceOption(SMALL, offering)));
    }

    private static Pod pod(String name, String cpu, Map<String, String> labels) {
        return new PodBuilder().withNewMetadata().withNamespace("default").withName(name).withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("c").withNewResources().withRequests(Map.of("cpu", new Quantity(cpu))).endResources()
                .endContainer().endSpec().build();
    }

    private static Pod spread(String name, String key, String label, String selector) {
        return new PodBuilder(pod(name, "100m", Map.of(KarpenterWorkload.SPREAD_KEY, label))).editSpec()
                .addToTopologySpreadConstraints(new TopologySpreadConstraintBuilder().withMaxSkew(1).withTopologyKey(key).withWhenUnsatisfiable("DoNotSchedule")
                        .withLabelSelector(new LabelSelectorBuilder().withMatchLabels(Map.of(KarpenterWorkload.SPREAD_KEY, selector)).build()).build())
                .endSpec().build();
    }

    private static Pod anti(String name) {
        return new PodBuilder(pod(name, "100m", Map.of("app", "nginx"))).editSpec().withNewAffinity().withNewPodAntiAffinity()
                .addToRequiredDuringSchedulingIgnoredDuringExecution(new PodAffinityTermBuilder().withTopologyKey(KarpenterWorkload.HOSTNAME)
                        .withLabelSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("app", "nginx")).build()).build())
                .endPodAntiAffinity().endAffinity().endSpec().build();
    }
}
