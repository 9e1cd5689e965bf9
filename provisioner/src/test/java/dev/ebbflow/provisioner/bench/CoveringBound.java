package dev.ebbflow.provisioner.bench;

/**
 * The LP relaxation of buying nodes for a batch: fractional counts x_t of each instance type, at
 * least the batch's demand of every resource covered (sum over t of x_t times what a node of type t
 * leaves the pods, per resource), at the least price. No integer solution, and so no real packing,
 * costs less. Solved through its dual, which has one variable per resource and one constraint per
 * type (max sum of demand_r y_r, with sum over r of room_tr y_r at most price_t, y at least 0): the
 * origin is feasible, so a plain tableau simplex with Bland's rule needs no first phase. Resources are
 * scaled by their demand so that cpu millicores and memory milli-bytes sit in one tableau.
 */
final class CoveringBound {

    private static final double EPS = 1e-12;

    /** The bound and the fractional node count of each type that reaches it. */
    record Solution(double cost, double[] nodes) {
    }

    private CoveringBound() {
    }

    /**
     * @param room per type, per resource, what one node leaves the pods (allocatable less DaemonSets)
     * @param price per type, its price per hour
     * @param demand per resource, the batch's total; a resource with no demand constrains nothing
     * @throws IllegalArgumentException when some demanded resource no type provides
     */
    static Solution solve(double[][] room, double[] price, double[] demand) {
        int n = price.length;
        int m = demand.length;
        int cols = m + n + 1;
        double[][] t = new double[n + 1][cols];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < m; r++) {
                t[i][r] = demand[r] > 0 ? room[i][r] / demand[r] : 0;
            }
            t[i][m + i] = 1;
            t[i][cols - 1] = price[i];
        }
        for (int r = 0; r < m; r++) {
            t[n][r] = demand[r] > 0 ? -1 : 0;
        }
        int[] basis = new int[n];
        for (int i = 0; i < n; i++) {
            basis[i] = m + i;
        }
        while (true) {
            int enter = -1;
            for (int j = 0; j < cols - 1 && enter < 0; j++) {
                if (t[n][j] < -EPS) {
                    enter = j;
                }
            }
            if (enter < 0) {
                break;
            }
            int leave = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (t[i][enter] > EPS) {
                    double ratio = t[i][cols - 1] / t[i][enter];
                    if (ratio < best - EPS || (Math.abs(ratio - best) <= EPS && basis[i] < basis[leave])) {
                        best = ratio;
                        leave = i;
                    }
                }
            }
            if (leave < 0) {
                throw new IllegalArgumentException("resource " + enter + " is demanded but no instance type provides it");
            }
            pivot(t, leave, enter);
            basis[leave] = enter;
        }
        // The primal optimum is the dual's reduced cost of each type's slack.
        double[] nodes = new double[n];
        for (int i = 0; i < n; i++) {
            nodes[i] = t[n][m + i];
        }
        return new Solution(t[n][cols - 1], nodes);
    }

    private static void pivot(double[][] t, int row, int col) {
        double[] p = t[row];
        double inv = 1 / p[col];
        for (int j = 0; j < p.length; j++) {
            p[j] *= inv;
        }
        for (int i = 0; i < t.length; i++) {
            double f = t[i][col];
            if (i == row || f == 0) {
                continue;
            }
            double[] r = t[i];
            for (int j = 0; j < r.length; j++) {
                r[j] -= f * p[j];
            }
        }
    }
}
