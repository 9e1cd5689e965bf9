package dev.ebbflow.operator.simulate.engine;

import java.util.SplittableRandom;

/**
 * Turns an expected number of arrivals into a drawn one: Poisson (normal approximation for large
 * means, where exact sampling would cost a loop per message) from a seeded generator, so one seed
 * always gives the same run.
 */
final class ArrivalNoise {

    private static final double NORMAL_ABOVE = 64;
    private final SplittableRandom random;

    ArrivalNoise(long seed) {
        this.random = new SplittableRandom(seed);
    }

    double draw(double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > NORMAL_ABOVE) {
            return Math.max(0, Math.rint(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        // Knuth's multiplication method: fine for small means.
        double limit = Math.exp(-mean);
        double p = 1;
        int k = -1;
        do {
            k++;
            p *= random.nextDouble();
        } while (p > limit);
        return k;
    }
}
