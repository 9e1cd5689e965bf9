package dev.ebbflow.operator.simulate.engine;

/**
 * A FIFO queue of messages on the virtual clock. Messages arriving in the same step form one cohort
 * (they share an arrival step), so consumption can say how long each message waited to the step.
 * Amounts are fractional: a fluid model of the expected (or Poisson-drawn) counts.
 */
public final class SimulatedQueue {

    private long[] cohortStep = new long[256];
    private double[] cohortCount = new double[256];
    private int head;
    private int size;
    private double backlog;
    private double inFlight;
    private final WaitHistogram waits = new WaitHistogram();
    private double consumedTotal;
    private double arrivedTotal;

    /** Messages arriving during step {@code step}. */
    public void arrive(long step, double messages) {
        if (messages <= 0) {
            return;
        }
        arrivedTotal += messages;
        backlog += messages;
        if (size > 0) {
            int last = (head + size - 1) % cohortStep.length;
            if (cohortStep[last] == step) {
                cohortCount[last] += messages;
                return;
            }
        }
        if (size == cohortStep.length) {
            grow();
        }
        int slot = (head + size) % cohortStep.length;
        cohortStep[slot] = step;
        cohortCount[slot] = messages;
        size++;
    }

    /**
     * Pods with room for {@code capacity} messages take them in arrival order during {@code step};
     * returns how many they took. {@code capacityPerPod} turns that into busy pods, the messages
     * held unacknowledged by consumers.
     */
    public double consume(long step, double capacity, double capacityPerPod) {
        double taken = 0;
        while (size > 0 && taken < capacity) {
            double want = capacity - taken;
            double c = cohortCount[head];
            double take = Math.min(c, want);
            waits.record((int) Math.min(Integer.MAX_VALUE, step - cohortStep[head]), take);
            taken += take;
            if (take >= c - 1e-12) {
                head = (head + 1) % cohortStep.length;
                size--;
            } else {
                cohortCount[head] = c - take;
            }
        }
        backlog = size == 0 ? 0 : Math.max(0, backlog - taken);
        consumedTotal += taken;
        inFlight = capacityPerPod > 0 ? taken / capacityPerPod : 0;
        return taken;
    }

    /** Messages waiting, not yet taken by a pod. */
    public double backlog() {
        return backlog;
    }

    /** Messages held by busy pods in the last step (what brokers count as unacknowledged / in flight). */
    public double inFlight() {
        return inFlight;
    }

    /** Arrival step of the oldest waiting message, or -1 when none waits. */
    public long oldestStep() {
        return size == 0 ? -1 : cohortStep[head];
    }

    public WaitHistogram waits() {
        return waits;
    }

    public double consumedTotal() {
        return consumedTotal;
    }

    public double arrivedTotal() {
        return arrivedTotal;
    }

    private void grow() {
        int n = cohortStep.length * 2;
        long[] s = new long[n];
        double[] c = new double[n];
        for (int i = 0; i < size; i++) {
            s[i] = cohortStep[(head + i) % cohortStep.length];
            c[i] = cohortCount[(head + i) % cohortStep.length];
        }
        cohortStep = s;
        cohortCount = c;
        head = 0;
    }
}
