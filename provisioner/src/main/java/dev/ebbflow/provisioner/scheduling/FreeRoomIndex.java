package dev.ebbflow.provisioner.scheduling;

import java.util.Arrays;

/**
 * A segment tree over the new claims in creation order, holding each claim's free cpu and memory (a
 * maximum per node) and its price (a minimum per node). It answers, without walking past the claims
 * that lack room, "the first claim at or after i with at least this much of both" (first fit) and
 * "the claims with at least this much of both, cheapest first" (the claim a pod grows least).
 */
final class FreeRoomIndex {

    private int leaves = 64;
    private int depth = 6;
    private int size;
    private long[] cpu = new long[2 * leaves];
    private long[] memory = new long[2 * leaves];
    private double[] price = new double[2 * leaves];
    private final Cheapest cheapest = new Cheapest();

    FreeRoomIndex() {
        Arrays.fill(cpu, -1);
        Arrays.fill(memory, -1);
        Arrays.fill(price, Double.POSITIVE_INFINITY);
    }

    int size() {
        return size;
    }

    void add(long freeCpu, long freeMemory) {
        add(freeCpu, freeMemory, 0);
    }

    void add(long freeCpu, long freeMemory, double claimPrice) {
        if (size == leaves) {
            grow();
        }
        set(size++, freeCpu, freeMemory, claimPrice);
    }

    void set(int i, long freeCpu, long freeMemory) {
        set(i, freeCpu, freeMemory, 0);
    }

    /** @param claimPrice infinite for a claim that must not be offered by {@link #cheapest} */
    void set(int i, long freeCpu, long freeMemory, double claimPrice) {
        int n = i + leaves;
        if (cpu[n] == freeCpu && memory[n] == freeMemory && price[n] == claimPrice) {
            return;
        }
        cpu[n] = freeCpu;
        memory[n] = freeMemory;
        price[n] = claimPrice;
        // Stop where nothing changes: every node above depends only on its children.
        for (n >>= 1; n >= 1; n >>= 1) {
            long c = Math.max(cpu[2 * n], cpu[2 * n + 1]);
            long m = Math.max(memory[2 * n], memory[2 * n + 1]);
            double p = Math.min(price[2 * n], price[2 * n + 1]);
            if (c == cpu[n] && m == memory[n] && p == price[n]) {
                return;
            }
            cpu[n] = c;
            memory[n] = m;
            price[n] = p;
        }
    }

    /** The first index at or after {@code from} with at least this room, or -1. */
    int first(int from, long needCpu, long needMemory) {
        if (from >= size) {
            return -1;
        }
        return descend(1, 0, leaves, from, needCpu, needMemory);
    }

    private int descend(int node, int lo, int hi, int from, long needCpu, long needMemory) {
        if (hi <= from || cpu[node] < needCpu || memory[node] < needMemory) {
            return -1;
        }
        if (hi - lo == 1) {
            return lo;
        }
        int mid = (lo + hi) >>> 1;
        int left = descend(2 * node, lo, mid, from, needCpu, needMemory);
        return left >= 0 ? left : descend(2 * node + 1, mid, hi, from, needCpu, needMemory);
    }

    /**
     * Starts a walk over the indices with at least this room and a finite price, cheapest first, the
     * lowest index first among equal prices. One walk at a time per index: starting another ends it.
     * The walk may go on while claims change; an index is offered only if it still qualifies then.
     */
    Cheapest cheapest(long needCpu, long needMemory) {
        cheapest.start(needCpu, needMemory);
        return cheapest;
    }

    /** Best-first search down the tree: a heap of subtrees keyed by their cheapest price, then leftmost index. */
    final class Cheapest {

        private int[] nodes = new int[64];
        private double[] keys = new double[64];
        private int[] firsts = new int[64];
        private int count;
        private long needCpu;
        private long needMemory;

        private void start(long needCpu, long needMemory) {
            this.needCpu = needCpu;
            this.needMemory = needMemory;
            count = 0;
            push(1);
        }

        /** The next index, or -1 when none is left. */
        int next() {
            while (count > 0) {
                int node = pop();
                if (!qualifies(node)) {
                    continue;
                }
                if (node >= leaves) {
                    return node - leaves;
                }
                push(2 * node);
                push(2 * node + 1);
            }
            return -1;
        }

        private boolean qualifies(int node) {
            return cpu[node] >= needCpu && memory[node] >= needMemory && price[node] != Double.POSITIVE_INFINITY;
        }

        private void push(int node) {
            if (!qualifies(node)) {
                return;
            }
            if (count == nodes.length) {
                nodes = Arrays.copyOf(nodes, 2 * count);
                keys = Arrays.copyOf(keys, 2 * count);
                firsts = Arrays.copyOf(firsts, 2 * count);
            }
            int i = count++;
            double key = price[node];
            int first = firstLeaf(node);
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (!before(key, first, keys[parent], firsts[parent])) {
                    break;
                }
                move(parent, i);
                i = parent;
            }
            put(i, node, key, first);
        }

        private int pop() {
            int top = nodes[0];
            count--;
            int node = nodes[count];
            double key = keys[count];
            int first = firsts[count];
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= count) {
                    break;
                }
                if (child + 1 < count && before(keys[child + 1], firsts[child + 1], keys[child], firsts[child])) {
                    child++;
                }
                if (!before(keys[child], firsts[child], key, first)) {
                    break;
                }
                move(child, i);
                i = child;
            }
            put(i, node, key, first);
            return top;
        }

        private void move(int from, int to) {
            put(to, nodes[from], keys[from], firsts[from]);
        }

        private void put(int i, int node, double key, int first) {
            nodes[i] = node;
            keys[i] = key;
            firsts[i] = first;
        }

        private static boolean before(double key, int first, double otherKey, int otherFirst) {
            return key < otherKey || (key == otherKey && first < otherFirst);
        }

        /** The index of the leftmost leaf under a node. */
        private int firstLeaf(int node) {
            int level = 31 - Integer.numberOfLeadingZeros(node);
            return (node - (1 << level)) << (depth - level);
        }
    }

    private void grow() {
        long[] oldCpu = cpu;
        long[] oldMemory = memory;
        double[] oldPrice = price;
        int oldLeaves = leaves;
        leaves *= 2;
        depth++;
        cpu = new long[2 * leaves];
        memory = new long[2 * leaves];
        price = new double[2 * leaves];
        Arrays.fill(cpu, -1);
        Arrays.fill(memory, -1);
        Arrays.fill(price, Double.POSITIVE_INFINITY);
        System.arraycopy(oldCpu, oldLeaves, cpu, leaves, oldLeaves);
        System.arraycopy(oldMemory, oldLeaves, memory, leaves, oldLeaves);
        System.arraycopy(oldPrice, oldLeaves, price, leaves, oldLeaves);
        for (int n = leaves - 1; n >= 1; n--) {
            cpu[n] = Math.max(cpu[2 * n], cpu[2 * n + 1]);
            memory[n] = Math.max(memory[2 * n], memory[2 * n + 1]);
            price[n] = Math.min(price[2 * n], price[2 * n + 1]);
        }
    }
}
