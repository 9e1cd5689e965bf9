package dev.ebbflow.operator.simulate.report;

import dev.ebbflow.operator.simulate.scenario.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The summary as a plain-text table, one value column per run (two when comparing). */
public final class SummaryTable {

    private SummaryTable() {
    }

    public static String render(List<SimulationResult> runs) {
        List<Map<String, String>> columns = runs.stream().map(SummaryTable::rows).toList();
        Set<String> labels = new LinkedHashSet<>();
        columns.forEach(c -> labels.addAll(c.keySet()));
        int labelWidth = labels.stream().mapToInt(String::length).max().orElse(10) + 2;
        List<Integer> widths = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            int w = runs.get(i).scenarioName().length();
            for (String v : columns.get(i).values()) {
                w = Math.max(w, v.length());
            }
            widths.add(w + 2);
        }
        StringBuilder out = new StringBuilder();
        out.append(pad("", labelWidth));
        for (int i = 0; i < runs.size(); i++) {
            out.append(pad(runs.get(i).scenarioName(), widths.get(i)));
        }
        out.append('\n').append("-".repeat(labelWidth + widths.stream().mapToInt(Integer::intValue).sum())).append('\n');
        for (String label : labels) {
            out.append(pad(label, labelWidth));
            for (int i = 0; i < runs.size(); i++) {
                out.append(pad(columns.get(i).getOrDefault(label, "-"), widths.get(i)));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Label → value for one run, in display order. */
    public static Map<String, String> rows(SimulationResult r) {
        Summary s = r.summary();
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("simulated", Durations.format(r.duration()) + " in " + Durations.format(r.step()) + " steps, seed " + r.seed());
        for (Summary.QueueSummary q : s.queues()) {
            String p = "queue " + q.name() + ": ";
            rows.put(p + "messages in / out", count(q.arrived()) + " / " + count(q.consumed()));
            rows.put(p + "peak backlog", count(q.peakBacklog()) + " at " + Durations.format(q.peakBacklogAt()));
            rows.put(p + "wait p50 / p95 / max", Durations.format(q.p50Wait()) + " / " + Durations.format(q.p95Wait()) + " / " + Durations.format(q.maxWait()));
            rows.put(p + "time to drain", q.timeToDrain().map(Durations::format).orElse("not drained (" + count(q.backlogAtEnd()) + " left)"));
        }
        for (Summary.WorkloadSummary w : s.workloads()) {
            rows.put(w.name() + ": peak / avg replicas", w.peakReplicas() + " / " + String.format(Locale.ROOT, "%.1f", w.averageReplicas()));
        }
        rows.put("peak nodes", Integer.toString(s.peakNodes()));
        s.nodesByType().forEach((type, peak) -> rows.put("  " + type + " (peak / launched)",
                peak + " / " + s.nodesLaunchedByType().getOrDefault(type, 0)));
        rows.put("nodes removed: empty / underutilized / drifted / expired",
                String.join(" / ", Summary.REMOVAL_REASONS.stream().map(reason -> Integer.toString(s.removed(reason))).toList()));
        rows.put("pod-hours", String.format(Locale.ROOT, "%.1f", s.podHours()));
        rows.put("node-hours", String.format(Locale.ROOT, "%.1f", s.nodeHours()));
        rows.put("cost", String.format(Locale.ROOT, "$%.2f", s.cost()));
        r.without(Feature.PROVISION_AHEAD).ifPresent(without -> aheadRows(rows, s, without));
        r.withoutConsolidation().ifPresent(without -> {
            // The figures above are this run's, consolidation on; the second run removes no node as empty or underutilized.
            rows.put("node-hours: with / without consolidation", String.format(Locale.ROOT, "%.1f / %.1f", s.nodeHours(), without.nodeHours()));
            rows.put("cost: with / without consolidation", String.format(Locale.ROOT, "$%.2f / $%.2f", s.cost(), without.cost()));
            rows.put("saved by consolidation", without.cost() <= 0 ? "-"
                    : String.format(Locale.ROOT, "$%.2f (%.0f %%)", without.cost() - s.cost(), 100 * (without.cost() - s.cost()) / without.cost()));
        });
        rows.put("scale events", ScaleEventCounts.of(r.events()).toString());
        rows.put("unschedulable time", Durations.format(s.unschedulableTime()));
        rows.put("longest wait for desired pods to run", s.longestCatchUp().map(Durations::format).orElse("not reached"));
        return rows;
    }

    /** What provisioning ahead changed for the queues' messages and the pods behind them, and what it cost. */
    private static void aheadRows(Map<String, String> rows, Summary with, Summary without) {
        String vs = ": with / without provisioning ahead";
        for (int i = 0; i < with.queues().size() && i < without.queues().size(); i++) {
            Summary.QueueSummary a = with.queues().get(i);
            Summary.QueueSummary b = without.queues().get(i);
            String p = "queue " + a.name() + ": ";
            rows.put(p + "burst to pods running" + vs, format(a.burstToPodsRunning()) + " / " + format(b.burstToPodsRunning()));
            rows.put(p + "time to drain" + vs, format(a.timeToDrain()) + " / " + format(b.timeToDrain()));
            rows.put(p + "wait p95" + vs, Durations.format(a.p95Wait()) + " / " + Durations.format(b.p95Wait()));
        }
        rows.put("cost" + vs, String.format(Locale.ROOT, "$%.2f / $%.2f", with.cost(), without.cost()));
    }

    static String count(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    static String format(Optional<Duration> d) {
        return d.map(Durations::format).orElse("-");
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }
}
