package dev.ebbflow.operator.simulate.scenario;

import java.util.List;

/**
 * The arrival rate of one queue over time: the sum of its producers, each a sequence of
 * piecewise-constant or linear segments. Reads are expected in increasing time order (the event
 * loop only moves forward), so each producer keeps a cursor and a read costs O(1) amortized.
 */
public final class ArrivalTrace {

    private final List<List<RateSegment>> producers;
    private final int[] cursor;

    public ArrivalTrace(List<List<RateSegment>> producers) {
        this.producers = producers.stream().map(List::copyOf).toList();
        this.cursor = new int[producers.size()];
    }

    public static ArrivalTrace constant(double rate, long durationMs) {
        return new ArrivalTrace(List.of(List.of(new RateSegment(0, durationMs, rate, rate))));
    }

    /** A fresh trace over the same segments, its cursors at the start. */
    public ArrivalTrace restart() {
        return new ArrivalTrace(producers);
    }

    /** Expected messages arriving in {@code [from, to)}. */
    public double messages(long from, long to) {
        double sum = 0;
        for (int p = 0; p < producers.size(); p++) {
            List<RateSegment> segs = producers.get(p);
            int i = advance(p, from);
            while (i < segs.size() && segs.get(i).startMs() < to) {
                sum += segs.get(i).messages(from, to);
                i++;
            }
        }
        return sum;
    }

    /** Total rate in messages per second at {@code ms}. */
    public double rateAt(long ms) {
        double sum = 0;
        for (int p = 0; p < producers.size(); p++) {
            List<RateSegment> segs = producers.get(p);
            int i = advance(p, ms);
            if (i < segs.size() && segs.get(i).startMs() <= ms) {
                sum += segs.get(i).rateAt(ms);
            }
        }
        return sum;
    }

    private int advance(int p, long ms) {
        List<RateSegment> segs = producers.get(p);
        int i = cursor[p];
        if (i > 0 && segs.get(i - 1).endMs() > ms) {
            i = 0; // a read earlier than the previous one: rare, so a rescan is fine
        }
        while (i < segs.size() && segs.get(i).endMs() <= ms) {
            i++;
        }
        cursor[p] = i;
        return i;
    }
}
