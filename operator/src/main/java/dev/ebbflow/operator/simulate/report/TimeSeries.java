package dev.ebbflow.operator.simulate.report;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Values sampled at a fixed interval on the virtual clock: named columns (queue depth, replicas, …)
 * and one column per instance type (nodes of that type). Columns that appear later in the run are
 * zero before they appeared.
 */
public final class TimeSeries {

    private double[] minutes = new double[256];
    private int size;
    private final Map<String, double[]> columns = new LinkedHashMap<>();
    private final SortedMap<String, double[]> nodesByType = new TreeMap<>();

    /** Starts a new sample at {@code minute}; the values of this sample are then set with {@link #set}. */
    public void next(double minute) {
        if (size == minutes.length) {
            int n = size * 2;
            minutes = Arrays.copyOf(minutes, n);
            columns.replaceAll((k, v) -> Arrays.copyOf(v, n));
            nodesByType.replaceAll((k, v) -> Arrays.copyOf(v, n));
        }
        minutes[size++] = minute;
    }

    public void set(String column, double value) {
        columns.computeIfAbsent(column, k -> new double[minutes.length])[size - 1] = value;
    }

    public void setNodes(String instanceType, double count) {
        nodesByType.computeIfAbsent(instanceType, k -> new double[minutes.length])[size - 1] = count;
    }

    public int size() {
        return size;
    }

    public double[] minutes() {
        return Arrays.copyOf(minutes, size);
    }

    public double[] column(String name) {
        double[] v = columns.get(name);
        return v == null ? new double[size] : Arrays.copyOf(v, size);
    }

    public boolean has(String name) {
        return columns.containsKey(name);
    }

    public Map<String, double[]> nodesByType() {
        Map<String, double[]> out = new LinkedHashMap<>();
        nodesByType.forEach((k, v) -> out.put(k, Arrays.copyOf(v, size)));
        return Collections.unmodifiableMap(out);
    }
}
