package dev.ebbflow.operator.simulate.report;

/**
 * Round axis ranges, so that tick labels are round numbers (0, 50, 100 rather than 0, 43.7, 87.4),
 * and the time unit a run's length reads best in.
 */
public final class ChartAxes {

    /** Runs longer than this are charted in hours. */
    static final double HOURS_FROM_MINUTES = 180;

    /** Most ticks on the time axis. */
    static final int TIME_TICKS = 12;

    /** A time unit with the tick steps that read as round in it (a quarter hour, six hours). */
    public enum TimeUnit {
        MINUTES("minutes", 1, 1, 2, 5, 10, 15, 30, 60, 120, 240), HOURS("hours", 60, 1, 2, 3, 6, 12, 24, 48, 168);

        final String title;
        final double minutes;
        private final double[] steps;

        TimeUnit(String title, double minutes, double... steps) {
            this.title = title;
            this.minutes = minutes;
            this.steps = steps;
        }

        /** The end of the time axis: {@code last} (in this unit) rounded up to a whole tick step. */
        public double axisMax(double last) {
            for (double step : steps) {
                if (last / step <= TIME_TICKS) {
                    return Math.max(step, Math.ceil(last / step - 1e-9) * step);
                }
            }
            return niceMax(last, TIME_TICKS);
        }
    }

    private ChartAxes() {
    }

    public static TimeUnit timeUnit(double lastMinute) {
        return lastMinute > HOURS_FROM_MINUTES ? TimeUnit.HOURS : TimeUnit.MINUTES;
    }

    /** The smallest of 1, 2 or 5 times a power of ten that cuts {@code max} into at most {@code ticks} steps. */
    public static double niceStep(double max, int ticks) {
        if (!(max > 0)) {
            return 1;
        }
        double raw = max / ticks;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * magnitude >= raw * (1 - 1e-9)) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** {@code max} rounded up to a whole number of {@link #niceStep} steps; 1 for an all-zero series. */
    public static double niceMax(double max, int ticks) {
        double step = niceStep(max, ticks);
        return Math.max(step, Math.ceil(max / step - 1e-9) * step);
    }

    static double max(double[] values) {
        double m = 0;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }
}
