package dev.ebbflow.provisioner.scheduling;

import java.util.Arrays;

/**
 * First fit in logarithmic time: a max segment tree over the new claims in creation order, holding
 * each claim's free cpu and memory, answers "the first claim at or after i with at least this much
 * of both" without walking past the full ones.
 */
final class FreeRoomIndex {

    private int leaves = 64;
    private int size;
    private long[] cpu = new long[2 * leaves];
    private long[] memory = new long[2 * leaves];

    FreeRoomIndex() {
        Arrays.fill(cpu, -1);
        Arrays.fill(memory, -1);
    }

    int size() {
        return size;
    }

    void add(long freeCpu, long freeMemory) {
        if (size == leaves) {
            grow();
        }
        set(size++, freeCpu, freeMemory);
    }

    void set(int i, long freeCpu, long freeMemory) {
        int n = i + leaves;
        if (cpu[n] == freeCpu && memory[n] == freeMemory) {
            return;
        }
        cpu[n] = freeCpu;
        memory[n] = freeMemory;
        // Stop where a maximum no longer changes: every node above depends only on its children.
        for (n >>= 1; n >= 1; n >>= 1) {
            long c = Math.max(cpu[2 * n], cpu[2 * n + 1]);
            long m = Math.max(memory[2 * n], memory[2 * n + 1]);
            if (c == cpu[n] && m == memory[n]) {
                return;
            }
            cpu[n] = c;
            memory[n] = m;
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

    private void grow() {
        long[] oldCpu = cpu;
        long[] oldMemory = memory;
        int oldLeaves = leaves;
        leaves *= 2;
        cpu = new long[2 * leaves];
        memory = new long[2 * leaves];
        Arrays.fill(cpu, -1);
        Arrays.fill(memory, -1);
        System.arraycopy(oldCpu, oldLeaves, cpu, leaves, oldLeaves);
        System.arraycopy(oldMemory, oldLeaves, memory, leaves, oldLeaves);
        for (int n = leaves - 1; n >= 1; n--) {
            cpu[n] = Math.max(cpu[2 * n], cpu[2 * n + 1]);
            memory[n] = Math.max(memory[2 * n], memory[2 * n + 1]);
        }
    }
}
