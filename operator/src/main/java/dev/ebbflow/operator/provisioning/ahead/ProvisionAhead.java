package dev.ebbflow.operator.provisioning.ahead;

import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.operator.ahead.ComingPods;
import dev.ebbflow.operator.ahead.PodsAhead;
import dev.ebbflow.operator.observability.ProvisionAheadMetrics;
import dev.ebbflow.operator.provisioning.provisioner.EventRecorder;
import dev.ebbflow.provisioner.ahead.ExpectedPods;
import dev.ebbflow.provisioner.ahead.PhantomPods;
import dev.ebbflow.provisioner.ahead.Reservations;
import dev.ebbflow.provisioner.ahead.Workload;
import dev.ebbflow.provisioner.ahead.WorkloadPods;
import dev.ebbflow.provisioner.scheduling.InvalidInputException;
import dev.ebbflow.provisioner.scheduling.LabelSelector;
import dev.ebbflow.provisioner.scheduling.Placement;
import dev.ebbflow.provisioner.scheduling.PodConverter;
import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provisioning ahead of the pods, between the scale loop and the provisioner: turns each report of
 * coming replicas into a reservation ({@link Reservations}), hands the reservations' phantom pods to
 * every provisioning batch, where limits, budgets and NodePool weights apply to them as to real pods,
 * and reports on the ScaledObject and on each NodeClaim launched for them. The nodes and claims that
 * hold room for pods still expected are kept from disruption until the pods come or the reservation
 * expires; after that the usual emptiness rules remove what stayed empty.
 */
public final class ProvisionAhead implements PodsAhead, PhantomPods {

    /** How long a reservation waits for the HPA to create its pods. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(2);
    public static final String REASON = "ProvisionedAhead";

    private static final Logger LOG = LoggerFactory.getLogger(ProvisionAhead.class);

    private final Reservations reservations;
    private final Supplier<List<Pod>> pods;
    private final EventRecorder events;
    private final ProvisionAheadMetrics metrics;
    private final Clock clock;
    private final Runnable wake;
    private final Map<Workload, HasMetadata> scaledBy = new ConcurrentHashMap<>();
    private final Set<Workload> unreadable = ConcurrentHashMap.newKeySet();
    // Where the last batch put each phantom pod still expected (pod key -> node or claim name).
    private volatile Map<String, String> targets = Map.of();

    /**
     * @param pods the cluster's pods as the provisioner's cache holds them
     * @param wake opens a provisioning batch
     */
    public ProvisionAhead(Duration ttl, Supplier<List<Pod>> pods, EventRecorder events, ProvisionAheadMetrics metrics, Clock clock, Runnable wake) {
        this.reservations = new Reservations(ttl);
        this.pods = pods;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
        this.wake = wake;
    }

    @Override
    public void coming(ComingPods coming) {
        Workload workload = new Workload(coming.namespace(), coming.kind(), coming.name());
        Instant now = clock.instant();
        if (coming.replicas() <= coming.currentReplicas() && !reservations.holds(workload, now)) {
            reservations.nothingComing(workload); // the common case, every poll of every ScaledObject: nothing coming, nothing held
            return;
        }
        ExpectedPods expected;
        try {
            expected = expected(workload, coming);
        } catch (InvalidInputException e) {
            // The workload's own pods would fail to schedule the same way, and kube-scheduler reports them: said once.
            if (unreadable.add(workload)) {
                LOG.warn("{}: not provisioned ahead, its pod template cannot be read: {}", workload, e.getMessage());
            }
            return;
        }
        unreadable.remove(workload);
        scaledBy.put(workload, coming.scaledBy());
        Reservations.Expectation e = reservations.expect(expected, pods.get(), now);
        metrics.settled(e.settled().used(), e.settled().expired());
        if (e.added() > 0) {
            LOG.info("{}: {} more replica(s) coming ({} of {}), provisioning ahead for {} pod(s)", workload, coming.replicas() - coming.currentReplicas(),
                    coming.currentReplicas(), coming.replicas(), e.phantoms());
            wake.run();
        }
    }

    private static ExpectedPods expected(Workload workload, ComingPods coming) {
        LabelSelector selector = WorkloadPods.selector(coming.selector());
        Map<String, String> labels = coming.template().getMetadata() == null || coming.template().getMetadata().getLabels() == null
                ? Map.of() : coming.template().getMetadata().getLabels();
        PodSpec spec = coming.template().getSpec() == null ? new PodSpec() : coming.template().getSpec();
        SchedulablePod template = PodConverter.convert(workload.namespace(), workload.name(), labels, spec);
        return new ExpectedPods(workload, selector, template, coming.replicas());
    }

    @Override
    public List<SchedulablePod> phantoms(List<Pod> pods, Instant now) {
        Reservations.Pass pass = reservations.pass(pods, now);
        metrics.settled(pass.settled().used(), pass.settled().expired());
        scaledBy.keySet().retainAll(reservations.outstanding(now).keySet());
        return pass.phantoms();
    }

    @Override
    public void placed(Map<String, Set<String>> byClaim, List<Placement> onExistingNodes, List<NodeClaim> created) {
        Map<String, String> next = new HashMap<>();
        byClaim.forEach((claim, keys) -> keys.forEach(key -> {
            if (Reservations.workloadOf(key).isPresent()) {
                next.put(key, claim);
            }
        }));
        onExistingNodes.forEach(p -> {
            if (Reservations.workloadOf(p.pod().key()).isPresent()) {
                next.put(p.pod().key(), p.target());
            }
        });
        targets = next;
        Map<Workload, Map<String, Integer>> launched = new LinkedHashMap<>();
        for (NodeClaim claim : created) {
            Map<Workload, Integer> onClaim = new TreeMap<>(java.util.Comparator.comparing(Workload::toString));
            byClaim.getOrDefault(claim.getMetadata().getName(), Set.of())
                    .forEach(key -> Reservations.workloadOf(key).ifPresent(w -> onClaim.merge(w, 1, Integer::sum)));
            onClaim.forEach((w, n) -> {
                events.record(claim, EventRecorder.NORMAL, REASON, "Capacity provisioned ahead for " + n + " pod(s) of " + w);
                launched.computeIfAbsent(w, k -> new TreeMap<>()).put(claim.getMetadata().getName(), n);
                metrics.provisioned(n);
            });
        }
        launched.forEach((w, claims) -> {
            HasMetadata so = scaledBy.get(w);
            int n = claims.values().stream().mapToInt(Integer::intValue).sum();
            LOG.info("{}: capacity provisioned ahead for {} pod(s) on nodeclaim(s) {}", w, n, claims.keySet());
            if (so != null) {
                events.record(so, EventRecorder.NORMAL, REASON, "Capacity provisioned ahead for " + n + " pod(s) of " + w
                        + " on nodeclaim(s) " + String.join(", ", claims.keySet()));
            }
        });
    }

    @Override
    public Set<String> holding(Instant now) {
        Map<Workload, Integer> live = reservations.outstanding(now);
        if (live.isEmpty()) {
            return Set.of();
        }
        Set<String> out = new HashSet<>();
        targets.forEach((key, target) -> Reservations.workloadOf(key).filter(live::containsKey).ifPresent(w -> out.add(target)));
        return out;
    }
}
