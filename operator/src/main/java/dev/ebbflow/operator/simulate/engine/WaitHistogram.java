package dev.ebbflow.operator.simulate.engine;

import java.util.Arrays;

/**
 * How long messages waited before a pod took them, weighted by message count, at the resolution of
 * one simulation step. Exact quantiles at that resolution, in memory proportional to the longest wait.
 */
public final class WaitHistogram {

    private double[] weightBySteps = new double[64];
    private double total;
    private int maxSteps = -1;

    public void record(int waitSteps, double messages) {
        if (messages <= 0) {
            return;
        }
        if (waitSteps >= weightBySteps.length) {
            weightBySteps = Arrays.copyOf(weightBySteps, Math.max(waitSteps + 1, weightBySteps.length * 2));
        }
        weightBySteps[waitSteps] += messages;
        total += messages;
        maxSteps = Math.max(maxSteps, waitSteps);
    }

    public double total() {
        return total;
    }

    /** The wait, in steps, that a fraction {@code q} of messages did not exceed; 0 when nothing was consumed. */
    public int quantileSteps(double q) {
        if (total <= 0) {
            return 0;
        }
        double wanted = q * total;
        double seen = 0;
        for (int i = 0; i <= maxSteps; i++) {
            seen += weightBySteps[i];
            if (weightBySteps[i] > 0 && seen >= wanted - 1e-9 * total) {
                return i;
            }
        }
        return maxSteps;
    }

    public int maxSteps() {
        return Math.max(0, maxSteps);
    }
}
