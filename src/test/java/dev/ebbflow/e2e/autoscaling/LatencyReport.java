package dev.ebbflow.e2e.autoscaling;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** The README's table for one configuration: a row per stage, p50 and max over the bursts of each N. */
final class LatencyReport {

    private LatencyReport() {
    }

    /** The nearest-rank p-th percentile (0 < p <= 100); empty values give null. */
    static Long percentile(List<Long> values, double p) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }

    /**
     * Markdown: rows "first/all objects of a stage", columns p50 and max in seconds per N. A stage some
     * burst never reached shows "–" for its max.
     *
     * @param bySize the bursts' results per N, in the order of the columns
     */
    static String table(Map<Integer, List<BurstTimeline.Result>> bySize) {
        StringBuilder out = new StringBuilder("| publish → | ");
        StringBuilder rule = new StringBuilder("|---|");
        bySize.forEach((n, results) -> {
            out.append(String.format(Locale.ROOT, "N = %d, p50 | max (%d bursts) | ", n, results.size()));
            rule.append("---:|---:|");
        });
        out.setLength(out.length() - 1);
        out.append('\n').append(rule).append('\n');
        for (BurstStage stage : BurstStage.values()) {
            if (stage != BurstStage.DESIRED) {
                row(out, "first of " + stage.label(), bySize, r -> r.firstMillis().get(stage));
            }
            row(out, (stage == BurstStage.DESIRED ? "" : "all ") + stage.label(), bySize, r -> r.lastMillis().get(stage));
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String label, Map<Integer, List<BurstTimeline.Result>> bySize,
                            Function<BurstTimeline.Result, Long> value) {
        out.append("| ").append(label).append(" |");
        bySize.forEach((n, results) -> {
            List<Long> values = results.stream().map(value).filter(Objects::nonNull).toList();
            boolean everyBurst = values.size() == results.size();
            out.append(' ').append(seconds(percentile(values, 50))).append(" | ").append(everyBurst ? seconds(percentile(values, 100)) : "–")
                    .append(" |");
        });
        out.append('\n');
    }

    private static String seconds(Long millis) {
        return millis == null ? "–" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
