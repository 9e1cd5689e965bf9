package dev.ebbflow.operator.simulate.engine;

import dev.ebbflow.provisioner.disruption.Command;
import dev.ebbflow.provisioner.disruption.Consolidation;
import dev.ebbflow.provisioner.disruption.ConsolidationInput;
import dev.ebbflow.provisioner.disruption.DisruptionSettings;
import dev.ebbflow.provisioner.disruption.Emptiness;
import dev.ebbflow.provisioner.disruption.NodeState;
import dev.ebbflow.provisioner.scheduling.ExistingNode;
import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import dev.ebbflow.provisioner.scheduling.Taint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operator's consolidation on the virtual clock, by the same core: every
 * {@link #PERIOD_MS} a decision, taken again {@link Consolidation#VALIDATION_DELAY} later on fresh
 * state, then carried out: a deletion at once, a replacement once the new node is ready. While the
 * replacement boots, the old nodes count as being disrupted and carry {@code karpenter.sh/disrupted:NoSchedule},
 * so no new pod lands on a node about to go; a replacement that is gone, or not ready within
 * {@link #REPLACEMENT_TIMEOUT_MS}, is given up and the old nodes untainted, as the operator does.
 * The pods of a removed node are recreated by their Deployment and scheduled again.
 */
final class Consolidator {

    static final long PERIOD_MS = 10_000;
    /** How long a replacement may take to become ready before the old nodes are kept after all. */
    static final long REPLACEMENT_TIMEOUT_MS = 10 * 60_000;
    static final Taint DISRUPTED = new Taint("karpenter.sh/disrupted", null, Taint.NO_SCHEDULE);

    /** A node removed, and why. */
    record Removal(SimNode node, Command command) {
    }

    private final Provisioner provisioner;
    private long nextPassMs;
    private Command decided;
    private long decidedAtMs;
    private SimNode replacement;
    private Command replacing;
    private long replacingSinceMs;
    private int failedReplacements;
    private final Set<SimNode> disrupting = new HashSet<>();

    Consolidator(Provisioner provisioner) {
        this.provisioner = provisioner;
    }

    /** One look at the cluster; returns the nodes it removed. */
    List<Removal> step(Cluster cluster, long nowMs) {
        if (replacing != null) {
            return advance(cluster, nowMs);
        }
        if (nowMs < nextPassMs) {
            return List.of();
        }
        nextPassMs = nowMs + PERIOD_MS;
        ConsolidationInput in = input(cluster, nowMs);
        if (decided != null) {
            if (nowMs - decidedAtMs < Consolidation.VALIDATION_DELAY.toMillis()) {
                return List.of();
            }
            Command command = decided;
            decided = null;
            return Consolidation.validate(command, in).isPresent() ? List.of() : act(cluster, command, nowMs);
        }
        Consolidation.decide(in).command().ifPresent(c -> {
            decided = c;
            decidedAtMs = nowMs;
        });
        return List.of();
    }

    private List<Removal> act(Cluster cluster, Command command, long nowMs) {
        if (command.decision() == Command.Decision.REPLACE) {
            replacement = provisioner.launch(cluster, command.replacement().orElseThrow(), nowMs);
            replacing = command;
            replacingSinceMs = nowMs;
            disrupting.addAll(nodes(cluster, command));
            disrupting.forEach(n -> n.taint(DISRUPTED));
            cluster.markPlacementChanged();
            return List.of();
        }
        return remove(cluster, command, nowMs);
    }

    private List<Removal> advance(Cluster cluster, long nowMs) {
        boolean failed = replacement.deleted || (!replacement.ready && nowMs - replacingSinceMs >= REPLACEMENT_TIMEOUT_MS);
        if (!failed && !replacement.ready) {
            return List.of();
        }
        Command command = replacing;
        SimNode launched = replacement;
        replacing = null;
        replacement = null;
        if (failed) {
            disrupting.forEach(n -> n.untaint(DISRUPTED));
            disrupting.clear();
            if (!launched.deleted) {
                cluster.removeNode(launched, nowMs);
                provisioner.forget(launched);
            }
            cluster.markPlacementChanged();
            failedReplacements++;
            return List.of();
        }
        disrupting.clear();
        return remove(cluster, command, nowMs);
    }

    /** Replacements given up so far (gone, or not ready in time): their old nodes kept serving. */
    int failedReplacements() {
        return failedReplacements;
    }

    /** The nodes a replacement is under way for: tainted, and counted as being disrupted. */
    Set<SimNode> disrupting() {
        return Set.copyOf(disrupting);
    }

    private List<Removal> remove(Cluster cluster, Command command, long nowMs) {
        List<Removal> out = new ArrayList<>();
        for (SimNode n : nodes(cluster, command)) {
            cluster.removeNode(n, nowMs);
            provisioner.forget(n);
            out.add(new Removal(n, command));
        }
        return out;
    }

    private static List<SimNode> nodes(Cluster cluster, Command command) {
        Set<String> names = new HashSet<>(command.candidates());
        return cluster.nodes().stream().filter(n -> names.contains(n.name)).toList();
    }

    private ConsolidationInput input(Cluster cluster, long nowMs) {
        Map<String, DisruptionSettings> settings = new HashMap<>();
        List<NodeState> claims = new ArrayList<>();
        for (NodePoolModel pool : provisioner.pools()) {
            settings.put(pool.name, pool.disruption);
            claims.addAll(SimNodeStates.of(cluster, cluster.nodesOf(pool.name), disrupting));
        }
        List<ExistingNode> others = new ArrayList<>();
        for (SimNode n : cluster.readyNodes()) {
            if (!settings.containsKey(n.nodePool)) {
                List<SchedulablePod> pods = cluster.podsOn(n).stream().map(p -> p.schedulable).toList();
                others.add(new ExistingNode(n.name, n.labels, n.taints, n.allocatable, pods));
            }
        }
        List<SchedulablePod> pending = cluster.unboundPods().stream().map(p -> p.schedulable).toList();
        return new ConsolidationInput(settings, claims, others, Provisioner.inFlight(cluster), provisioner.templates(cluster), pending,
                provisioner.nominations(), VirtualClock.at(nowMs), Emptiness.NOMINATION_WINDOW, false);
    }
}
