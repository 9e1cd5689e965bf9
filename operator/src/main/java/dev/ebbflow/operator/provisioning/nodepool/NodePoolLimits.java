package dev.ebbflow.operator.provisioning.nodepool;

import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.provisioner.catalog.ResourceList;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A NodePool's {@code spec.limits} in milli-units ({@code nodes} as a plain count). Resources the
 * scheduling core does not limit by (anything but cpu, memory and nodes) are kept for the gauges.
 */
public record NodePoolLimits(Map<String, Long> milli) {

    public static final String NODES = "nodes";
    public static final NodePoolLimits NONE = new NodePoolLimits(Map.of());

    public NodePoolLimits {
        milli = Map.copyOf(milli);
    }

    /** Reads the limits, adding a problem naming {@code spec.limits.<resource>} for each bad one (which is then left out). */
    public static NodePoolLimits of(NodePool pool, List<FieldProblem> problems) {
        Map<String, Quantity> raw = pool.getSpec() == null ? null : pool.getSpec().getLimits();
        if (raw == null || raw.isEmpty()) {
            return NONE;
        }
        Map<String, Long> out = new TreeMap<>();
        raw.forEach((resource, q) -> {
            String field = "spec.limits." + resource;
            if (q == null || q.getAmount() == null) {
                problems.add(new FieldProblem(field, "must be a quantity"));
                return;
            }
            BigDecimal amount;
            try {
                amount = q.getNumericalAmount();
            } catch (RuntimeException e) {
                problems.add(new FieldProblem(field, "'" + q + "' is not a quantity"));
                return;
            }
            if (amount.signum() < 0) {
                problems.add(new FieldProblem(field, "must not be negative, got " + q));
                return;
            }
            out.put(resource, amount.multiply(BigDecimal.valueOf(1000)).setScale(0, RoundingMode.CEILING).longValue());
        });
        return new NodePoolLimits(out);
    }

    public Long cpuMilli() {
        return milli.get(ResourceList.CPU);
    }

    public Long memoryMilli() {
        return milli.get(ResourceList.MEMORY);
    }

    /** The node count limit, or null. */
    public Long nodes() {
        Long m = milli.get(NODES);
        return m == null ? null : m / 1000;
    }

    /**
     * The first limit that {@code usage} (milli-units, {@code nodes} included as milli-count) has
     * reached, as {@code "cpu: 4 of 4"}, or null while every limit has room.
     */
    public String reached(ResourceList usage) {
        for (Map.Entry<String, Long> e : new TreeMap<>(milli).entrySet()) {
            long used = usage.milli(e.getKey());
            if (used >= e.getValue()) {
                return e.getKey() + ": " + ResourceList.formatMilli(used) + " in use, limit " + ResourceList.formatMilli(e.getValue());
            }
        }
        return null;
    }
}
