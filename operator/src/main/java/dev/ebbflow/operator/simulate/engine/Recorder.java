package dev.ebbflow.operator.simulate.engine;

import dev.ebbflow.operator.simulate.report.Columns;
import dev.ebbflow.operator.simulate.report.ScaleEvent;
import dev.ebbflow.operator.simulate.report.Summary;
import dev.ebbflow.operator.simulate.report.TimeSeries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Watches the run step by step: samples the series, keeps the running figures the summary needs. */
final class Recorder {

    private final long stepMs;
    private final long sampleMs;
    private final TimeSeries series = new TimeSeries();
    final List<ScaleEvent> events = new ArrayList<>();
    private final List<QueueTrack> queues = new ArrayList<>();
    private final List<WorkloadTrack> workloads = new ArrayList<>();
    private final Map<String, Integer> peakByType = new TreeMap<>();
    private final Map<String, Integer> launchedByType = new TreeMap<>();
    private final Map<String, Integer> removedByReason = new TreeMap<>();
    private int peakNodes;
    private double podHours;
    private double nodeHours;
    private double cost;
    private long unschedulableMs;
    private long catchUpStartMs = -1;
    private long longestCatchUpMs;
    private int replicaChanges;

    private static final class QueueTrack {
        final String name;
        final SimulatedQueue queue;
        final ArrivalSource rate;
        double peak;
        long peakAtMs;
        long drainedAtMs = 0;
        boolean drained = true;
        final Workload consumer;
        long nonEmptySinceMs = -1;
        long burstAtMs = -1;
        long longestBurstToRunningMs = -1;

        QueueTrack(String name, SimulatedQueue queue, ArrivalSource rate, Workload consumer) {
            this.name = name;
            this.queue = queue;
            this.rate = rate;
            this.consumer = consumer;
        }

        /** From the backlog's first message to the consumer running every pod it wants. */
        void followBurst(long nowMs, double backlog) {
            if (backlog < 0.5) {
                nonEmptySinceMs = -1;
            } else if (nonEmptySinceMs < 0) {
                nonEmptySinceMs = nowMs;
            }
            boolean behind = consumer.readyPods < consumer.replicas;
            if (behind && burstAtMs < 0) {
                burstAtMs = nonEmptySinceMs >= 0 ? nonEmptySinceMs : nowMs;
            } else if (!behind && burstAtMs >= 0) {
                longestBurstToRunningMs = Math.max(longestBurstToRunningMs, nowMs - burstAtMs);
                burstAtMs = -1;
            }
        }
    }

    /** The configured arrival rate at a time, for the chart. */
    interface ArrivalSource {
        double rateAt(long ms);
    }

    private static final class WorkloadTrack {
        final Workload w;
        int peakReplicas;
        double replicaMs;
        int peakReady;

        WorkloadTrack(Workload w) {
            this.w = w;
        }
    }

    Recorder(long stepMs, long sampleMs) {
        this.stepMs = stepMs;
        this.sampleMs = sampleMs;
    }

    void track(String queueName, SimulatedQueue q, ArrivalSource rate, Workload consumer) {
        queues.add(new QueueTrack(queueName, q, rate, consumer));
    }

    void track(Workload w) {
        workloads.add(new WorkloadTrack(w));
    }

    void event(long atMs, String object, String by, int from, int to, String reason) {
        events.add(new ScaleEvent(Duration.ofMillis(atMs), object, by, from, to, reason));
        if (by.equals("keda") || by.equals("hpa")) {
            replicaChanges++;
        }
    }

    /** A node removed by voluntary disruption, for the budget reason given (Empty, Underutilized, Drifted). */
    void removed(String reason) {
        removedByReason.merge(reason, 1, Integer::sum);
    }

    /** Nodes removed by voluntary disruption, by reason. */
    Map<String, Integer> removedByReason() {
        return java.util.Collections.unmodifiableMap(removedByReason);
    }

    void launched(String instanceType) {
        launchedByType.merge(instanceType, 1, Integer::sum);
    }

    /** Called once per step, after every controller acted, with the state at {@code nowMs}. */
    void step(long nowMs, Cluster cluster, boolean anyUnschedulable) {
        double hours = stepMs / 3_600_000.0;
        podHours += cluster.boundPods() * hours;
        nodeHours += cluster.nodes().size() * hours;
        cost += cluster.hourlyPrice() * hours;
        if (anyUnschedulable) {
            unschedulableMs += stepMs;
        }
        peakNodes = Math.max(peakNodes, cluster.nodes().size());
        cluster.liveByType().forEach((t, n) -> peakByType.merge(t, n, Math::max));
        boolean behind = false;
        for (WorkloadTrack t : workloads) {
            t.peakReplicas = Math.max(t.peakReplicas, t.w.replicas);
            t.replicaMs += (double) t.w.replicas * stepMs;
            t.peakReady = Math.max(t.peakReady, t.w.readyPods);
            behind |= t.w.readyPods < t.w.replicas;
        }
        if (behind && catchUpStartMs < 0) {
            catchUpStartMs = nowMs;
        } else if (!behind && catchUpStartMs >= 0) {
            longestCatchUpMs = Math.max(longestCatchUpMs, nowMs - catchUpStartMs);
            catchUpStartMs = -1;
        }
        for (QueueTrack q : queues) {
            double backlog = q.queue.backlog();
            q.followBurst(nowMs, backlog);
            if (backlog > q.peak) {
                q.peak = backlog;
                q.peakAtMs = nowMs;
                q.drained = false;
            } else if (!q.drained && backlog < 0.5) {
                q.drained = true;
                q.drainedAtMs = nowMs;
            }
        }
        if (nowMs % sampleMs == 0) {
            sample(nowMs, cluster);
        }
    }

    private void sample(long nowMs, Cluster cluster) {
        series.next(nowMs / 60_000.0);
        for (QueueTrack q : queues) {
            series.set(Columns.backlog(q.name), q.queue.backlog());
            series.set(Columns.arrivalRate(q.name), q.rate.rateAt(nowMs));
        }
        for (WorkloadTrack t : workloads) {
            series.set(Columns.desired(t.w.name), t.w.replicas);
            series.set(Columns.ready(t.w.name), t.w.readyPods);
            series.set(Columns.pending(t.w.name), t.w.pendingPods());
        }
        series.set(Columns.NODES, cluster.nodes().size());
        series.set(Columns.COST, cost);
        series.set(Columns.UNSCHEDULABLE, cluster.unboundCount());
        cluster.liveByType().forEach(series::setNodes);
    }

    Summary summary(long endMs) {
        List<Summary.QueueSummary> qs = new ArrayList<>();
        for (QueueTrack q : queues) {
            WaitHistogram w = q.queue.waits();
            long oldest = q.queue.oldestStep();
            // Messages still waiting at the end have waited at least this long: count it in the max.
            long waitingMs = oldest < 0 ? 0 : endMs - oldest * stepMs;
            Duration max = Duration.ofMillis(Math.max(w.maxSteps() * stepMs, waitingMs));
            Optional<Duration> drain = q.drained ? Optional.of(Duration.ofMillis(q.peak == 0 ? 0 : q.drainedAtMs - q.peakAtMs)) : Optional.empty();
            qs.add(new Summary.QueueSummary(q.name, q.queue.arrivedTotal(), q.queue.consumedTotal(), q.peak, Duration.ofMillis(q.peakAtMs),
                    Duration.ofMillis(w.quantileSteps(0.5) * stepMs), Duration.ofMillis(w.quantileSteps(0.95) * stepMs), max, drain,
                    q.queue.backlog(), q.longestBurstToRunningMs < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(q.longestBurstToRunningMs))));
        }
        List<Summary.WorkloadSummary> ws = new ArrayList<>();
        for (WorkloadTrack t : workloads) {
            ws.add(new Summary.WorkloadSummary(t.w.name, t.peakReplicas, t.replicaMs / Math.max(1, endMs), t.peakReady));
        }
        Optional<Duration> catchUp = catchUpStartMs >= 0 && endMs - catchUpStartMs > longestCatchUpMs
                ? Optional.empty() : Optional.of(Duration.ofMillis(longestCatchUpMs));
        return new Summary(qs, ws, java.util.Collections.unmodifiableMap(new TreeMap<>(peakByType)),
                java.util.Collections.unmodifiableMap(new TreeMap<>(launchedByType)), peakNodes, podHours, nodeHours, cost,
                replicaChanges, Duration.ofMillis(unschedulableMs), catchUp, removedByReason);
    }

    TimeSeries series() {
        return series;
    }
}
