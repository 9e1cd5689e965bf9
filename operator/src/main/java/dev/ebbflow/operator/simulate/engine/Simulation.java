package dev.ebbflow.operator.simulate.engine;

import dev.ebbflow.operator.simulate.report.SimulationResult;
import dev.ebbflow.operator.simulate.scenario.QueueSpec;
import dev.ebbflow.operator.simulate.scenario.Scenario;
import dev.ebbflow.provisioner.disruption.Command;
import dev.ebbflow.provisioner.disruption.DisruptionBudgets;
import dev.ebbflow.provisioner.scheduling.BatchWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The event loop: advances a virtual clock in fixed steps and, at each step, lets every simulated
 * controller act in the order a cluster would: nodes finish booting and pods finish starting, messages
 * arrive and ready pods consume them, the KEDA scale loop polls and the HPA syncs on their own
 * periods, the deployment controller creates or deletes pods, the scheduler binds, the provisioner
 * launches nodes once its batch window closes, empty nodes are removed after
 * {@code consolidateAfter}, and underutilized ones are consolidated by the operator's own decision.
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
    private final Consolidator consolidator;
    private final Recorder recorder;
    private final ArrivalNoise noise;
    private final VirtualClock clock = new VirtualClock();
    private final long stepMs;
    private BatchWindow batch = BatchWindow.defaults();
    private final Set<String> reportedLimits = new LinkedHashSet<>();

    /** False for the comparison run: no node is removed for being empty or underutilized. */
    private final boolean consolidation;

    private Simulation(Scenario scenario, boolean consolidation) {
        this.scenario = scenario;
        this.consolidation = consolidation;
        this.model = ClusterModel.build(scenario);
        this.cluster = model.cluster;
        this.provisioner = new Provisioner(model.pools);
        this.consolidator = new Consolidator(provisioner);
        this.stepMs = scenario.step().toMillis();
        this.recorder = new Recorder(stepMs, scenario.sampleEvery().toMillis());
        this.noise = new ArrivalNoise(scenario.seed());
        for (QueueSpec q : scenario.queues()) {
            var trace = q.trace().restart();
            recorder.track(q.name(), model.queues.get(q.name()), trace::rateAt);
        }
        model.workloads.values().forEach(recorder::track);
    }

    /**
     * Builds the cluster from the scenario and runs it to the end; when it has NodePools, runs it a
     * second time with consolidation off (no node removed for being empty or underutilized), whose
     * summary the result carries as {@link SimulationResult#withoutConsolidation()}.
     */
    public static SimulationResult run(Scenario scenario, Progress progress) {
        Simulation main = new Simulation(scenario, true);
        if (!main.provisioner.hasPools()) {
            return main.runToEnd(progress);
        }
        SimulationResult result = main.runToEnd(f -> progress.update(f / 2));
        SimulationResult without = new Simulation(scenario, false).runToEnd(f -> progress.update(0.5 + f / 2));
        return result.comparedWith(without.summary());
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
            if (consolidation) {
                consolidate(now);
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

    /** Emptiness, then consolidation, by the operator's own decisions. */
    private void consolidate(long now) {
        for (SimNode n : provisioner.emptyNodesToRemove(cluster, now)) {
            int before = cluster.nodesOf(n.nodePool).size();
            cluster.removeNode(n, now);
            provisioner.forget(n);
            recorder.removed(DisruptionBudgets.EMPTY);
            recorder.event(now, "nodepool/" + n.nodePool, "emptiness", before, before - 1,
                    "removed " + n.name + " (" + n.instanceType + "), empty for " + (now - n.emptySinceMs) / 1000 + " s");
        }
        for (Consolidator.Removal r : consolidator.step(cluster, now)) {
            SimNode n = r.node();
            Command c = r.command();
            int before = cluster.nodesOf(n.nodePool).size() + 1;
            recorder.removed(c.reason());
            recorder.event(now, "nodepool/" + n.nodePool, "consolidation", before, before - 1, String.format(Locale.ROOT,
                    "removed %s (%s, $%.4f/h): %s/%s, %s of %d node(s)%s", n.name, n.instanceType, n.pricePerHour, c.reason(),
                    c.decision().label(), c.consolidationType(), c.candidates().size(),
                    c.replacement().map(x -> ", replaced by " + x.cheapest().name()).orElse("")));
        }
    }

    private void provision(long now) {
        List<String> limits = new ArrayList<>();
        for (Provisioner.Launch l : provisioner.provision(cluster, now, limits)) {
            SimNode n = l.node();
            int after = cluster.nodesOf(n.nodePool).size();
            recorder.launched(n.instanceType);
            recorder.event(now, "nodepool/" + n.nodePool, "provisioner", after - 1, after, String.format(Locale.ROOT,
                    "launched %s (%s, %s, $%.4f/h) for %d pods, %d options", n.instanceType, n.capacityType, n.zone, n.pricePerHour,
                    l.claim().pods().size(), l.claim().options().size()));
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
