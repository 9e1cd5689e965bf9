package dev.ebbflow.operator.simulate.engine;

import dev.ebbflow.provisioner.disruption.Command;
import dev.ebbflow.provisioner.scheduling.NewClaim;
import dev.ebbflow.provisioner.scheduling.Taint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Carries out one drift or consolidation command at a time, as the operator's
 * {@code DisruptionActions}: a deletion at once; a replacement launches every new node the command
 * holds, then taints the old nodes {@code karpenter.sh/disrupted:NoSchedule} (no new pod lands on a
 * node about to go) and removes them once every new node is ready. A replacement that is gone, or not
 * ready within {@link #REPLACEMENT_TIMEOUT_MS}, is given up: the other new nodes are removed and the
 * old ones untainted, and they keep serving. The pods of a removed node are recreated by their
 * Deployment and scheduled again.
 */
final class DisruptionActions {

    /** How long replacements may take to become ready before the old nodes are kept after all. */
    static final long REPLACEMENT_TIMEOUT_MS = 10 * 60_000;
    static final Taint DISRUPTED = new Taint("karpenter.sh/disrupted", null, Taint.NO_SCHEDULE);

    private final Provisioner provisioner;
    private final BiConsumer<SimNode, Command> onLaunch;
    private Command replacing;
    private String replacingBy;
    private List<SimNode> replacements = List.of();
    private long replacingSinceMs;
    private int failedReplacements;
    private final Set<SimNode> disrupting = new HashSet<>();

    /** @param onLaunch told of each replacement node launched, with the command it is for */
    DisruptionActions(Provisioner provisioner, BiConsumer<SimNode, Command> onLaunch) {
        this.provisioner = provisioner;
        this.onLaunch = onLaunch;
    }

    DisruptionActions(Provisioner provisioner) {
        this(provisioner, (n, c) -> { });
    }

    /** Whether a replacement is under way: no other command starts until it ends. */
    boolean busy() {
        return replacing != null;
    }

    /** Starts a command; returns the nodes it removed now (a deletion's). */
    List<Removal> act(Cluster cluster, Command command, String by, long nowMs) {
        if (replacing != null) {
            throw new IllegalStateException("a replacement of " + replacing.candidates() + " is under way");
        }
        if (command.decision() == Command.Decision.DELETE) {
            return remove(cluster, command, by, nowMs);
        }
        List<SimNode> launched = new ArrayList<>();
        for (NewClaim claim : command.replacements()) {
            SimNode n = provisioner.launch(cluster, claim, nowMs);
            onLaunch.accept(n, command);
            launched.add(n);
        }
        replacements = List.copyOf(launched);
        replacing = command;
        replacingBy = by;
        replacingSinceMs = nowMs;
        disrupting.addAll(nodes(cluster, command));
        disrupting.forEach(n -> n.taint(DISRUPTED));
        cluster.markPlacementChanged();
        return List.of();
    }

    /** Waits for the replacements; removes the old nodes once all are ready, keeps them if one fails. */
    List<Removal> advance(Cluster cluster, long nowMs) {
        if (replacing == null) {
            return List.of();
        }
        boolean failed = replacements.stream().anyMatch(r -> r.deleted || (!r.ready && nowMs - replacingSinceMs >= REPLACEMENT_TIMEOUT_MS));
        if (!failed && !replacements.stream().allMatch(r -> r.ready)) {
            return List.of();
        }
        Command command = replacing;
        List<SimNode> launched = replacements;
        replacing = null;
        replacements = List.of();
        if (failed) {
            disrupting.forEach(n -> n.untaint(DISRUPTED));
            disrupting.clear();
            for (SimNode r : launched) {
                if (!r.deleted) {
                    cluster.removeNode(r, nowMs);
                    provisioner.forget(r);
                }
            }
            cluster.markPlacementChanged();
            failedReplacements++;
            return List.of();
        }
        disrupting.clear();
        return remove(cluster, command, replacingBy, nowMs);
    }

    /** Replacements given up so far (gone, or not ready in time): their old nodes kept serving. */
    int failedReplacements() {
        return failedReplacements;
    }

    /** The nodes a replacement is under way for: tainted, and counted as being disrupted. */
    Set<SimNode> disrupting() {
        return Set.copyOf(disrupting);
    }

    private List<Removal> remove(Cluster cluster, Command command, String by, long nowMs) {
        List<Removal> out = new ArrayList<>();
        for (SimNode n : nodes(cluster, command)) {
            cluster.removeNode(n, nowMs);
            provisioner.forget(n);
            out.add(new Removal(n, command.reason(), by, describe(n, command)));
        }
        return out;
    }

    private static String describe(SimNode n, Command c) {
        String replaced = c.replacements().isEmpty() ? ""
                : ", replaced by " + String.join(" + ", c.replacements().stream().map(x -> x.cheapest().name()).toList());
        return String.format(Locale.ROOT, "removed %s (%s, $%.4f/h): %s/%s%s of %d node(s)%s", n.name, n.instanceType, n.pricePerHour,
                c.reason(), c.decision().label(), c.consolidationType().isEmpty() ? "," : ", " + c.consolidationType(),
                c.candidates().size(), replaced);
    }

    private static List<SimNode> nodes(Cluster cluster, Command command) {
        Set<String> names = new HashSet<>(command.candidates());
        return cluster.nodes().stream().filter(n -> names.contains(n.name)).toList();
    }
}
