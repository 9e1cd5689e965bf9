package dev.ebbflow.provisioner.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Amounts of named resources ({@code cpu}, {@code memory}, {@code pods}, {@code ephemeral-storage},
 * {@code nvidia.com/gpu}, …), every one held in milli-units as a long, so that arithmetic on the
 * scheduling hot path is exact and needs no Quantity parsing. 1 CPU is 1000, 1 GiB of memory is
 * 1073741824000, 110 pods is 110000.
 */
public final class ResourceList {

    public static final String CPU = "cpu";
    public static final String MEMORY = "memory";
    public static final String PODS = "pods";
    public static final String EPHEMERAL_STORAGE = "ephemeral-storage";

    public static final ResourceList EMPTY = new ResourceList(Map.of());

    private final Map<String, Long> milli;

    private ResourceList(Map<String, Long> milli) {
        this.milli = milli;
    }

    /** From milli-unit amounts; zero amounts are kept out so that equal lists compare equal. */
    public static ResourceList ofMilli(Map<String, Long> milli) {
        Map<String, Long> m = new TreeMap<>();
        milli.forEach((k, v) -> {
            if (v != 0) {
                m.put(k, v);
            }
        });
        return new ResourceList(Collections.unmodifiableMap(m));
    }

    /** From Kubernetes quantity strings, e.g. {@code cpu: 500m, memory: 1Gi}. */
    public static ResourceList parse(Map<String, String> quantities) {
        Map<String, Long> m = new TreeMap<>();
        quantities.forEach((k, v) -> m.put(k, parseMilli(v)));
        return ofMilli(m);
    }

    /**
     * Parses a Kubernetes quantity ({@code 100m}, {@code 2}, {@code 1.5Gi}, {@code 1e3}, {@code 512Mi})
     * into milli-units, rounding up as the API server does for sub-milli values.
     *
     * @throws IllegalArgumentException when the text is not a quantity
     */
    public static long parseMilli(String quantity) {
        if (quantity == null || quantity.isBlank()) {
            throw new IllegalArgumentException("empty quantity");
        }
        String q = quantity.trim();
        int i = q.length();
        while (i > 0 && Character.isLetter(q.charAt(i - 1)) && !(q.charAt(i - 1) == 'e' || q.charAt(i - 1) == 'E')) {
            i--;
        }
        String number = q.substring(0, i);
        String suffix = q.substring(i);
        BigDecimal value;
        try {
            value = new BigDecimal(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a quantity: '" + quantity + "'");
        }
        BigDecimal factor = switch (suffix) {
            case "" -> BigDecimal.ONE;
            case "m" -> new BigDecimal("0.001");
            case "k" -> BigDecimal.valueOf(1_000L);
            case "M" -> BigDecimal.valueOf(1_000_000L);
            case "G" -> BigDecimal.valueOf(1_000_000_000L);
            case "T" -> BigDecimal.valueOf(1_000_000_000_000L);
            case "P" -> BigDecimal.valueOf(1_000_000_000_000_000L);
            case "Ki" -> BigDecimal.valueOf(1L << 10);
            case "Mi" -> BigDecimal.valueOf(1L << 20);
            case "Gi" -> BigDecimal.valueOf(1L << 30);
            case "Ti" -> BigDecimal.valueOf(1L << 40);
            case "Pi" -> BigDecimal.valueOf(1L << 50);
            default -> throw new IllegalArgumentException("unknown quantity suffix '" + suffix + "' in '" + quantity + "'");
        };
        return value.multiply(factor).multiply(BigDecimal.valueOf(1000)).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    /** Formats milli-units back as a Kubernetes quantity: whole values plain, others with {@code m}. */
    public static String formatMilli(long milli) {
        return milli % 1000 == 0 ? Long.toString(milli / 1000) : milli + "m";
    }

    public long milli(String resource) {
        return milli.getOrDefault(resource, 0L);
    }

    public Map<String, Long> asMilliMap() {
        return milli;
    }

    public ResourceList plus(ResourceList other) {
        Map<String, Long> m = new TreeMap<>(milli);
        other.milli.forEach((k, v) -> m.merge(k, v, Long::sum));
        return ofMilli(m);
    }

    public ResourceList minus(ResourceList other) {
        Map<String, Long> m = new TreeMap<>(milli);
        other.milli.forEach((k, v) -> m.merge(k, -v, Long::sum));
        return ofMilli(m);
    }

    /** True when every amount asked for is available here (a resource absent here counts as zero). */
    public boolean fits(ResourceList request) {
        for (Map.Entry<String, Long> e : request.milli.entrySet()) {
            if (e.getValue() > milli(e.getKey())) {
                return false;
            }
        }
        return true;
    }

    /** Quantity strings, as a Node's capacity or a NodeClaim's status shows them. */
    public Map<String, String> toQuantities() {
        Map<String, String> m = new TreeMap<>();
        milli.forEach((k, v) -> m.put(k, formatMilli(v)));
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResourceList r && r.milli.equals(milli);
    }

    @Override
    public int hashCode() {
        return milli.hashCode();
    }

    @Override
    public String toString() {
        return toQuantities().toString();
    }
}
