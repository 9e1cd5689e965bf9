package dev.ebbflow.operator.simulate.engine;

import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.operator.autoscaling.ahead.ProvisionAheadPlanner;
import dev.ebbflow.operator.autoscaling.core.HpaForecast;
import dev.ebbflow.operator.observability.ProvisionAheadMetrics;
import dev.ebbflow.operator.provisioning.ahead.ProvisionAhead;
import dev.ebbflow.operator.simulate.report.Feature;
import dev.ebbflow.operator.simulate.report.SimulationResult;
import dev.ebbflow.operator.simulate.scenario.QueueSpec;
import dev.ebbflow.operator.simulate.scenario.Scenario;
import dev.ebbflow.provisioner.ahead.Reservations;
import dev.ebbflow.provisioner.disruption.Command;
import dev.ebbflow.provisioner.disruption.DisruptionBudgets;
import dev.ebbflow.provisioner.disruption.Drift;
import dev.ebbflow.provisioner.scheduling.BatchWindow;
import io.fabric8.kubernetes.api.model.Pod;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.EnumSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The event loop: advances a virtual clock in fixed steps and, at each step, lets every simulated
 * controller act in the order a cluster would: nodes finish booting and pods finish starting, messages
 * arrive and ready pods consume them, the KEDA scale loop polls and the HPA syncs on their own
 * periods, the deployment controller creates or deletes pods, the scheduler binds, the provisioner
 * launches nodes once its batch window closes, and nodes leave by the operator's own decisions:
 * expired ones at once, empty ones after {@code consolidateAfter}, drifted ones (a NodePool the
 * scenario applies again) and underutilized ones replaced one command at a time within their budgets.
 */
public final class Simulation {

    /** Told how far the run is, from 0 to 1. */
    @FunctionalInterface
    public interface Progress {
        void update(double fraction);

        Progress NONE = f -> { };
    }

    private final Scenario scenario;
    private final ClusterModel model;
    private final Cluster cluster;
    private final Provisioner provisioner;
    private final Disruption disruption;
    private int nextPoolChange;
    private final Recorder recorder;
    private final ArrivalNoise noise;
    private final VirtualClock clock = new VirtualClock();
    private final long stepMs;
    private BatchWindow batch = BatchWindow.defaults();
    private final Set<String> reportedLimits = new LinkedHashSet<>();

    /** @param off what this run goes without (the main run: nothing), see {@link Feature} */
    private Simulation(Scenario scenario, Set<Feature> off) {
        this.scenario = scenario;
        this.model = ClusterModel.build(scenario);
        this.cluster = model.cluster;
        this.provisioner = new Provisioner(model.pools);
        this.stepMs = scenario.step().toMillis();
        this.recorder = new Recorder(stepMs, scenario.sampleEvery().toMillis());
        this.disruption = new Disruption(provisioner, !off.contains(Feature.CONSOLIDATION), this::replacementLaunched);
        this.noise = new ArrivalNoise(scenario.seed());
        for (QueueSpec q : scenario.queues()) {
            var trace = q.trace().restart();
            recorder.track(q.name(), model.queues.get(q.name()), trace::rateAt, model.consumers.get(q.name()));
        }
        model.workloads.values().forEach(recorder::track);
        if (!off.contains(Feature.PROVISION_AHEAD) && provisioner.hasPools()) {
            provisionAhead();
        }
    }

    /**
     * The operator's provisioning ahead, wired as its chart does by default (time to live
     * {@link ProvisionAhead#DEFAULT_TTL}, forecast over half of it): after each poll the planner
     * forecasts the HPA, the reservations' phantom pods join the next provisioning batch (which the
     * report opens), real pods take their places, and the nodes held for them are kept from disruption.
     */
    private void provisionAhead() {
        ProvisionAhead ahead = new ProvisionAhead(ProvisionAhead.DEFAULT_TTL, this::livePods, (object, type, reason, message) -> {
            if (object instanceof ScaledObject so) {
                recorder.event(clock.elapsedMs(), "scaledobject/" + so.getMetadata().getName(), "provision-ahead", 0, 0, message);
            }
        }, new ProvisionAheadMetrics(new SimpleMeterRegistry()), clock, () -> batch = batch.podArrived(clock.instant()));
        ProvisionAheadPlanner planner = new ProvisionAheadPlanner(ahead, ProvisionAhead.DEFAULT_TTL.dividedBy(2), HpaForecast.DEFAULT_SYNC_PERIOD);
        model.scaledObjects.forEach(so -> so.planAhead(planner));
        provisioner.provisionAhead(ahead, this::livePods);
    }

    /** Every pod of the cluster as the API server would list it. */
    private List<Pod> livePods() {
        List<Pod> pods = new ArrayList<>();
        for (Workload w : model.workloads.values()) {
            w.pods.forEach(p -> pods.add(p.asPod()));
        }
        return pods;
    }

    /** The features a run of this scenario can go without: consolidation with NodePools, provisioning ahead with ScaledObjects too. */
    private List<Feature> comparable() {
        if (!provisioner.hasPools()) {
            return List.of();
        }
        boolean ahead = model.scaledObjects.stream().anyMatch(so -> ProvisionAheadPlanner.enabledFor(so.scaledObject));
        return ahead ? List.of(Feature.CONSOLIDATION, Feature.PROVISION_AHEAD) : List.of(Feature.CONSOLIDATION);
    }

    /**
     * Builds the cluster from the scenario and runs it to the end, then once more for each feature it
     * can go without ({@link #comparable}), with that feature off; the result carries those runs'
     * summaries ({@link SimulationResult#without}).
     */
    public static SimulationResult run(Scenario scenario, Progress progress) {
        Simulation main = new Simulation(scenario, EnumSet.noneOf(Feature.class));
        List<Feature> comparisons = main.comparable();
        int runs = 1 + comparisons.size();
        SimulationResult result = main.runToEnd(f -> progress.update(f / runs));
        for (int i = 0; i < comparisons.size(); i++) {
            int done = i + 1;
            Feature off = comparisons.get(i);
            result = result.comparedWith(off, new Simulation(scenario, EnumSet.of(off)).runToEnd(f -> progress.update((done + f) / runs)).summary());
        }
        return result;
    }

    private SimulationResult runToEnd(Progress progress) {
        long end = scenario.duration().toMillis();
        long steps = end / stepMs;
        long reportEvery = Math.max(1, steps / 100);
        List<ArrivalSourceState> arrivals = new ArrayList<>();
        for (QueueSpec q : scenario.queues()) {
            arrivals.add(new ArrivalSourceState(q, model.queues.get(q.name()), model.consumers.get(q.name()), model.publishRates.get(q.name())));
        }
        double stepSeconds = stepMs / 1000.0;
        for (long k = 0; k < steps; k++) {
            long now = k * stepMs;
            clock.set(now);
            Instant instant = clock.instant();
            applyPoolChanges(now);
            cluster.advance(now);
            for (ArrivalSourceState a : arrivals) {
                double expected = a.trace.messages(now, now + stepMs);
                double arrived = a.spec.poisson() ? noise.draw(expected) : expected;
                a.queue.arrive(k, arrived);
                a.publishRate[0] = arrived / stepSeconds;
                double perPod = a.spec.messagesPerPodPerSecond() * stepSeconds;
                a.queue.consume(k, a.consumer.readyPods * perPod, perPod);
            }
            for (ScaledObjectDriver so : model.scaledObjects) {
                if (now >= so.nextPollMs) {
                    record(now, so, so.poll(instant));
                    so.nextPollMs = now + so.pollMs;
                }
                if (now >= so.nextHpaMs) {
                    record(now, so, so.hpaSync(instant));
                    so.nextHpaMs = now + ScaledObjectDriver.HPA_SYNC_MS;
                }
            }
            for (Workload w : model.workloads.values()) {
                DeploymentController.reconcile(w, cluster, now);
            }
            if (cluster.takePlacementChanged() && cluster.unboundCount() > 0) {
                if (KubeScheduler.schedule(cluster, now) > 0 && provisioner.hasPools()) {
                    batch = batch.podArrived(instant);
                }
            }
            if (batch.isOpen() && batch.isClosed(instant)) {
                provision(now);
                batch = batch.reset();
            }
            if (provisioner.hasPools()) {
                disrupt(now);
            }
            recorder.step(now, cluster, anyUnschedulable());
            if (k % reportEvery == 0) {
                progress.update((double) k / steps);
            }
        }
        progress.update(1.0);
        return new SimulationResult(scenario.name(), scenario.file(), scenario.seed(), scenario.duration(), scenario.step(),
                recorder.summary(steps * stepMs), recorder.series(), recorder.events);
    }

    /** NodePools applied again at their time, as {@code kubectl apply} would: drift compares their nodes with them from now on. */
    private void applyPoolChanges(long now) {
        while (nextPoolChange < model.poolChanges.size() && model.poolChanges.get(nextPoolChange).atMs() <= now) {
            NodePoolModel changed = model.poolChanges.get(nextPoolChange++).pool();
            NodePoolModel before = provisioner.pool(changed.name);
            provisioner.apply(changed);
            int nodes = cluster.nodesOf(changed.name).size();
            recorder.event(now, "nodepool/" + changed.name, "apply", nodes, nodes, "NodePool applied again: template hash "
                    + Drift.poolHash(before.nodePool) + " -> " + Drift.poolHash(changed.nodePool));
        }
    }

    /** Expiration, emptiness, drift and consolidation, by the operator's own decisions. */
    private void disrupt(long now) {
        List<Removal> removed = disruption.step(cluster, now);
        Map<String, Integer> left = new HashMap<>();
        for (Removal r : removed) {
            int before = left.computeIfAbsent(r.node().nodePool, p -> cluster.nodesOf(p).size() + (int) removed.stream()
                    .filter(x -> x.node().nodePool.equals(p)).count());
            left.put(r.node().nodePool, before - 1);
            recorder.removed(r.reason());
            recorder.event(now, "nodepool/" + r.node().nodePool, r.by(), before, before - 1, r.detail());
        }
    }

    private void replacementLaunched(SimNode n, Command c) {
        int after = cluster.nodesOf(n.nodePool).size();
        recorder.launched(n.instanceType);
        recorder.event(clock.elapsedMs(), "nodepool/" + n.nodePool, c.reason().equals(DisruptionBudgets.DRIFTED) ? Drifter.BY : Consolidator.BY,
                after - 1, after, String.format(Locale.ROOT, "launched %s (%s, %s, $%.4f/h) to replace %s", n.instanceType, n.capacityType,
                        n.zone, n.pricePerHour, String.join(", ", c.candidates())));
    }

    private void provision(long now) {
        List<String> limits = new ArrayList<>();
        for (Provisioner.Launch l : provisioner.provision(cluster, now, limits)) {
            SimNode n = l.node();
            int after = cluster.nodesOf(n.nodePool).size();
            recorder.launched(n.instanceType);
            long ahead = l.claim().pods().stream().filter(p -> Reservations.workloadOf(p.key()).isPresent()).count();
            recorder.event(now, "nodepool/" + n.nodePool, "provisioner", after - 1, after, String.format(Locale.ROOT,
                    "launched %s (%s, %s, $%.4f/h) for %d pods%s, %d options", n.instanceType,
                    n.reservation == null ? n.capacityType : n.capacityType + " in " + n.reservation, n.zone, n.pricePerHour,
                    l.claim().pods().size(), ahead == 0 ? "" : " (" + ahead + " provisioned ahead)", l.claim().options().size()));
        }
        for (String message : limits) {
            if (reportedLimits.add(message)) {
                recorder.event(now, "provisioner", "provisioner", 0, 0, message);
            }
        }
    }

    private boolean anyUnschedulable() {
        if (cluster.unboundCount() == 0) {
            return false;
        }
        for (SimPod p : cluster.unboundPods()) {
            if (p.unschedulable) {
                return true;
            }
        }
        return false;
    }

    private void record(long now, ScaledObjectDriver so, ScaledObjectDriver.Change c) {
        if (c != null) {
            recorder.event(now, "deployment/" + so.target.name(), c.by(), c.from(), c.to(), c.reason());
        }
    }

    /** A queue with its trace cursor, its consumer and the publish rate its triggers may read. */
    private static final class ArrivalSourceState {
        final QueueSpec spec;
        final dev.ebbflow.operator.simulate.scenario.ArrivalTrace trace;
        final SimulatedQueue queue;
        final Workload consumer;
        final double[] publishRate;

        ArrivalSourceState(QueueSpec spec, SimulatedQueue queue, Workload consumer, double[] publishRate) {
            this.spec = spec;
            this.trace = spec.trace().restart();
            this.queue = queue;
            this.consumer = consumer;
            this.publishRate = publishRate;
        }
    }
}
