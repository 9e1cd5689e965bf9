package dev.ebbflow.operator.simulate.scenario;

/**
 * Messages per second over {@code [startMs, endMs)}: constant when both rates are equal, otherwise
 * a straight line from {@code startRate} to {@code endRate}.
 */
public record RateSegment(long startMs, long endMs, double startRate, double endRate) {

    public double rateAt(long ms) {
        if (startRate == endRate || endMs == startMs) {
            return startRate;
        }
        return startRate + (endRate - startRate) * (ms - startMs) / (double) (endMs - startMs);
    }

    /** Messages arriving in {@code [from, to)} clipped to this segment: the area under the line. */
    public double messages(long from, long to) {
        long a = Math.max(from, startMs);
        long b = Math.min(to, endMs);
        if (b <= a) {
            return 0;
        }
        return (rateAt(a) + rateAt(b)) / 2 * (b - a) / 1000.0;
    }
}
