package dev.ebbflow.provisioner.ahead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.provisioner.catalog.ResourceList;
import dev.ebbflow.provisioner.scheduling.InvalidInputException;
import dev.ebbflow.provisioner.scheduling.LabelSelector;
import dev.ebbflow.provisioner.scheduling.Requirements;
import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import dev.ebbflow.provisioner.scheduling.Toleration;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReservationsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration TTL = Duration.ofSeconds(90);
    private static final Workload WORKER = new Workload("shop", "Deployment", "worker");
    private static final LabelSelector SELECTOR = LabelSelector.of(Map.of("app", "worker"), List.of());
    private static final SchedulablePod TEMPLATE = SchedulablePod.simple("shop", "worker", Map.of("app", "worker"),
                    ResourceList.ofMilli(Map.of(ResourceList.CPU, 500L)))
            .withNodeSelector(Requirements.fromLabels(Map.of("tier", "gold")))
            .withTolerations(List.of(new Toleration("dedicated", "Exists", null, "NoSchedule")));

    private final Reservations reservations = new Reservations(TTL);

    @Test
    void theMissingPodsBecomePhantomsLikeTheTemplateWithNamesNoRealPodCanHave() {
        Reservations.Expectation e = reservations.expect(expect(5), pods(2, 0), T0);
        assertThat(e.phantoms()).isEqualTo(3);
        assertThat(e.added()).isEqualTo(3);
        Reservations.Pass pass = reservations.pass(pods(2, 0), T0.plusSeconds(1));
        assertThat(pass.phantoms()).hasSize(3).allSatisfy(p -> {
            assertThat(p.namespace()).isEqualTo("shop");
            assertThat(p.labels()).isEqualTo(TEMPLATE.labels());
            assertThat(p.requests()).isEqualTo(TEMPLATE.requests());
            assertThat(p.nodeSelector()).isEqualTo(TEMPLATE.nodeSelector());
            assertThat(p.tolerations()).isEqualTo(TEMPLATE.tolerations());
            assertThat(Reservations.workloadOf(p.key())).contains(WORKER);
        });
        assertThat(pass.phantoms()).extracting(SchedulablePod::key).doesNotHaveDuplicates();
        assertThat(Reservations.workloadOf("shop/worker-5d8f7-abcde")).isEmpty();
    }

    @Test
    void realPodsPendingOrBoundTakeThePhantomsPlacesAndAreNeverCountedTwice() {
        reservations.expect(expect(5), pods(1, 0), T0);
        assertThat(reservations.pass(pods(1, 0), T0).phantoms()).hasSize(4);
        Reservations.Pass second = reservations.pass(pods(1, 0), T0.plusSeconds(5));
        assertThat(second.phantoms()).as("a second batch asks for the same pods, not four more").hasSize(4);
        Reservations.Pass withPending = reservations.pass(pods(1, 2), T0.plusSeconds(10));
        assertThat(withPending.phantoms()).as("two real pods pending: the batch has them plus two phantoms").hasSize(2);
        assertThat(withPending.settled()).isEqualTo(new Reservations.Settled(2, 0));
        Reservations.Pass filled = reservations.pass(pods(5, 0), T0.plusSeconds(20));
        assertThat(filled.phantoms()).isEmpty();
        assertThat(filled.settled()).isEqualTo(new Reservations.Settled(2, 0));
        assertThat(reservations.outstanding(T0.plusSeconds(30))).isEmpty();
    }

    @Test
    void podsOfOtherWorkloadsNamespacesOrFinishedOnesDoNotCount() {
        List<Pod> pods = new ArrayList<>(pods(1, 0));
        pods.add(pod("shop", "other-1", Map.of("app", "other"), "Running"));
        pods.add(pod("elsewhere", "worker-x", Map.of("app", "worker"), "Running"));
        pods.add(pod("shop", "worker-done", Map.of("app", "worker"), "Succeeded"));
        pods.add(new PodBuilder(pod("shop", "worker-going", Map.of("app", "worker"), "Running")).editMetadata()
                .withDeletionTimestamp("2026-01-01T00:00:00Z").endMetadata().build());
        assertThat(reservations.expect(expect(3), pods, T0).phantoms()).isEqualTo(2);
    }

    @Test
    void anUnfilledReservationExpiresAndTheSameExpectationIsNotTakenAgain() {
        reservations.expect(expect(4), pods(1, 0), T0);
        assertThat(reservations.pass(pods(1, 0), T0.plus(TTL).minusSeconds(1)).phantoms()).hasSize(3);
        Reservations.Pass expired = reservations.pass(pods(2, 0), T0.plus(TTL));
        assertThat(expired.phantoms()).isEmpty();
        assertThat(expired.settled()).as("one pod came, two slots went unused").isEqualTo(new Reservations.Settled(1, 2));
        assertThat(reservations.expect(expect(4), pods(2, 0), T0.plus(TTL).plusSeconds(30)).phantoms())
                .as("the HPA did not follow that forecast: holding it again would hold the nodes for ever").isZero();
        assertThat(reservations.expect(expect(6), pods(2, 0), T0.plus(TTL).plusSeconds(60)).phantoms()).as("a higher one is new").isEqualTo(4);
    }

    @Test
    void onceNothingIsComingTheNextBurstIsTakenAgain() {
        reservations.expect(expect(4), pods(1, 0), T0);
        reservations.pass(pods(1, 0), T0.plus(TTL));
        reservations.nothingComing(WORKER);
        assertThat(reservations.expect(expect(4), pods(1, 0), T0.plus(TTL).plusSeconds(60)).phantoms()).isEqualTo(3);
    }

    @Test
    void onceTheWorkloadCaughtUpTheSameExpectationIsTakenAgain() {
        reservations.expect(expect(4), pods(1, 0), T0);
        reservations.pass(pods(1, 0), T0.plus(TTL));
        assertThat(reservations.expect(expect(1), pods(1, 0), T0.plus(TTL).plusSeconds(1)).phantoms()).isZero();
        assertThat(reservations.expect(expect(4), pods(1, 0), T0.plus(TTL).plusSeconds(2)).phantoms()).isEqualTo(3);
    }

    @Test
    void aHigherExpectationRaisesAndRestartsTheTtlALowerOneShrinksAtOnce() {
        reservations.expect(expect(3), pods(1, 0), T0);
        Reservations.Expectation raised = reservations.expect(expect(6), pods(1, 0), T0.plusSeconds(60));
        assertThat(raised.phantoms()).isEqualTo(5);
        assertThat(raised.added()).isEqualTo(3);
        assertThat(reservations.pass(pods(1, 0), T0.plus(TTL)).phantoms()).as("the raise restarted the TTL").hasSize(5);
        Reservations.Expectation fell = reservations.expect(expect(3), pods(1, 0), T0.plus(TTL).plusSeconds(1));
        assertThat(fell.phantoms()).isEqualTo(2);
        assertThat(fell.settled()).isEqualTo(new Reservations.Settled(0, 3));
        assertThat(reservations.expect(expect(3), pods(1, 0), T0.plus(TTL).plusSeconds(2)).added())
                .as("the same expectation again adds nothing").isZero();
        Reservations.Expectation nothing = reservations.expect(expect(1), pods(1, 0), T0.plus(TTL).plusSeconds(3));
        assertThat(nothing.phantoms()).isZero();
        assertThat(nothing.settled()).isEqualTo(new Reservations.Settled(0, 2));
        assertThat(reservations.outstanding(T0.plusSeconds(30))).isEmpty();
    }

    @Test
    void theRepeatedExpectationOfEveryPollKeepsItsTtl() {
        reservations.expect(expect(3), pods(1, 0), T0);
        reservations.expect(expect(3), pods(1, 0), T0.plusSeconds(60));
        assertThat(reservations.holds(WORKER, T0.plus(TTL).minusSeconds(1))).isTrue();
        assertThat(reservations.outstanding(T0.plus(TTL).minusSeconds(1))).containsEntry(WORKER, 2);
        assertThat(reservations.holds(WORKER, T0.plus(TTL))).isFalse();
        assertThat(reservations.outstanding(T0.plus(TTL))).isEmpty();
        assertThat(reservations.pass(pods(1, 0), T0.plus(TTL)).phantoms()).isEmpty();
    }

    @Test
    void workloadSelectorsNameTheFieldThatCannotBeRead() {
        LabelSelector s = WorkloadPods.selector(new LabelSelectorBuilder().addToMatchLabels("app", "worker")
                .addNewMatchExpression().withKey("track").withOperator("In").withValues("stable").endMatchExpression().build());
        assertThat(s.matches(Map.of("app", "worker", "track", "stable"))).isTrue();
        assertThat(s.matches(Map.of("app", "worker", "track", "canary"))).isFalse();
        assertThat(WorkloadPods.selector(null).matches(Map.of("app", "worker"))).isFalse();
        assertThatThrownBy(() -> WorkloadPods.selector(new LabelSelectorBuilder().addNewMatchExpression().withKey("k").withOperator("Near")
                .endMatchExpression().build())).isInstanceOf(InvalidInputException.class).hasMessageContaining("spec.selector.matchExpressions[0].operator");
        assertThatThrownBy(() -> new Reservations(Duration.ZERO)).hasMessageContaining("ttl");
    }

    private static ExpectedPods expect(int replicas) {
        return new ExpectedPods(WORKER, SELECTOR, TEMPLATE, replicas);
    }

    /** {@code running} bound pods and {@code pending} ones of the worker. */
    private static List<Pod> pods(int running, int pending) {
        List<Pod> out = new ArrayList<>();
        for (int i = 0; i < running; i++) {
            out.add(new PodBuilder(pod("shop", "worker-r" + i, Map.of("app", "worker"), "Running")).editSpec().withNodeName("node-1").endSpec().build());
        }
        for (int i = 0; i < pending; i++) {
            out.add(pod("shop", "worker-p" + i, Map.of("app", "worker"), "Pending"));
        }
        return out;
    }

    private static Pod pod(String ns, String name, Map<String, String> labels, String phase) {
        return new PodBuilder().withNewMetadata().withNamespace(ns).withName(name).withLabels(labels).endMetadata()
                .withNewSpec().endSpec().withNewStatus().withPhase(phase).endStatus().build();
    }
}
