package dev.ebbflow.provisioner.scheduling;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The values one label key may take, in a normal form that every operator maps into so that
 * intersection is closed: either a finite set or the complement of one, optionally bounded to
 * integers strictly between {@code gt} and {@code lt}, and whether a node without the label passes.
 */
public final class ValueSet {

    private static final long NO_LOWER = Long.MIN_VALUE;
    private static final long NO_UPPER = Long.MAX_VALUE;

    final boolean complement;
    final Set<String> values;
    final long gt;
    final long lt;
    final boolean mayBeAbsent;
    final Integer minValues;

    private ValueSet(boolean complement, Set<String> values, long gt, long lt, boolean mayBeAbsent, Integer minValues) {
        this.complement = complement;
        this.values = values;
        this.gt = gt;
        this.lt = lt;
        this.mayBeAbsent = mayBeAbsent;
        this.minValues = minValues;
    }

    static ValueSet of(Requirement r) {
        Set<String> vs = Set.copyOf(r.values());
        return switch (r.operator()) {
            case IN -> new ValueSet(false, vs, NO_LOWER, NO_UPPER, false, r.minValues());
            case NOT_IN -> new ValueSet(true, vs, NO_LOWER, NO_UPPER, true, r.minValues());
            case EXISTS -> new ValueSet(true, Set.of(), NO_LOWER, NO_UPPER, false, r.minValues());
            case DOES_NOT_EXIST -> new ValueSet(false, Set.of(), NO_LOWER, NO_UPPER, true, r.minValues());
            case GT -> new ValueSet(true, Set.of(), number(r), NO_UPPER, false, r.minValues());
            case GTE -> new ValueSet(true, Set.of(), number(r) - 1, NO_UPPER, false, r.minValues());
            case LT -> new ValueSet(true, Set.of(), NO_LOWER, number(r), false, r.minValues());
            case LTE -> new ValueSet(true, Set.of(), NO_LOWER, number(r) + 1, false, r.minValues());
        };
    }

    static ValueSet single(String value) {
        return new ValueSet(false, Set.of(value), NO_LOWER, NO_UPPER, false, null);
    }

    static ValueSet anyOf(Set<String> values) {
        return new ValueSet(false, Set.copyOf(values), NO_LOWER, NO_UPPER, false, null);
    }

    private static long number(Requirement r) {
        try {
            return Long.parseLong(r.values().iterator().next());
        } catch (RuntimeException e) {
            throw new InvalidInputException("values", "operator " + r.operator().wireName() + " on " + r.key() + " needs one integer value");
        }
    }

    private boolean bounded() {
        return gt != NO_LOWER || lt != NO_UPPER;
    }

    private boolean inBounds(String v) {
        if (!bounded()) {
            return true;
        }
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            return false;
        }
        return n > gt && n < lt;
    }

    /** Whether a node whose label has this value passes. */
    public boolean has(String value) {
        return (complement ? !values.contains(value) : values.contains(value)) && inBounds(value);
    }

    /** Whether a node carrying this label (null: without it) passes. */
    public boolean admits(String valueOrNull) {
        return valueOrNull == null ? mayBeAbsent : has(valueOrNull);
    }

    /** No label value passes (a node may still pass by lacking the label, see {@link #mayBeAbsent()}). */
    public boolean noValue() {
        if (!complement) {
            return values.isEmpty();
        }
        if (!bounded() || gt == NO_LOWER || lt == NO_UPPER) {
            return false;
        }
        long width = lt - gt - 1;
        if (width <= 0) {
            return true;
        }
        if (width > values.size()) {
            return false;
        }
        for (long n = gt + 1; n < lt; n++) {
            if (!values.contains(Long.toString(n))) {
                return false;
            }
        }
        return true;
    }

    /** Neither a value nor the label's absence passes: the requirements that made this conflict. */
    public boolean impossible() {
        return noValue() && !mayBeAbsent;
    }

    public boolean mayBeAbsent() {
        return mayBeAbsent;
    }

    public Integer minValues() {
        return minValues;
    }

    /** The finite set of allowed values, or null when infinitely many pass. */
    public Set<String> finiteValues() {
        return complement ? null : values;
    }

    /**
     * Whether intersecting with {@code o} gives this set back, judged conservatively (false when it
     * would take more than a subset test to tell): a finite set within o's finite values.
     */
    boolean unchangedBy(ValueSet o) {
        return !complement && !o.complement && !o.bounded() && o.values.containsAll(values) && (o.mayBeAbsent || !mayBeAbsent)
                && (o.minValues == null || (minValues != null && minValues >= o.minValues));
    }

    ValueSet intersect(ValueSet o) {
        boolean absent = mayBeAbsent && o.mayBeAbsent;
        Integer min = minValues == null ? o.minValues : o.minValues == null ? minValues : Integer.valueOf(Math.max(minValues, o.minValues));
        if (!complement && !o.complement) {
            Set<String> small = values.size() <= o.values.size() ? values : o.values;
            Set<String> big = small == values ? o.values : values;
            Set<String> out = new HashSet<>();
            for (String v : small) {
                if (big.contains(v)) {
                    out.add(v);
                }
            }
            return new ValueSet(false, Collections.unmodifiableSet(out), NO_LOWER, NO_UPPER, absent, min);
        }
        if (complement && o.complement) {
            Set<String> out = new HashSet<>(values);
            out.addAll(o.values);
            return new ValueSet(true, Collections.unmodifiableSet(out), Math.max(gt, o.gt), Math.min(lt, o.lt), absent, min);
        }
        ValueSet finite = complement ? o : this;
        ValueSet cofinite = complement ? this : o;
        Set<String> out = new HashSet<>();
        for (String v : finite.values) {
            if (cofinite.has(v)) {
                out.add(v);
            }
        }
        return new ValueSet(false, Collections.unmodifiableSet(out), NO_LOWER, NO_UPPER, absent, min);
    }

    /** Back to requirements (one key may need several, e.g. Gt and Lt), for output and display. */
    List<Requirement> toRequirements(String key) {
        List<Requirement> out = new ArrayList<>();
        if (!complement) {
            out.add(values.isEmpty() && mayBeAbsent
                    ? new Requirement(key, Operator.DOES_NOT_EXIST, Set.of(), minValues)
                    : new Requirement(key, Operator.IN, new TreeSet<>(values), minValues));
            return out;
        }
        if (!values.isEmpty()) {
            out.add(new Requirement(key, Operator.NOT_IN, new TreeSet<>(values), minValues));
        } else if (!bounded() && !mayBeAbsent) {
            out.add(new Requirement(key, Operator.EXISTS, Set.of(), minValues));
        }
        if (gt != NO_LOWER) {
            out.add(new Requirement(key, Operator.GT, Set.of(Long.toString(gt)), null));
        }
        if (lt != NO_UPPER) {
            out.add(new Requirement(key, Operator.LT, Set.of(Long.toString(lt)), null));
        }
        return out;
    }

    @Override
    public String toString() {
        if (!complement) {
            return values.isEmpty() ? (mayBeAbsent ? "DoesNotExist" : "nothing") : "In " + new TreeSet<>(values);
        }
        StringBuilder sb = new StringBuilder(values.isEmpty() ? (mayBeAbsent ? "any" : "Exists") : "NotIn " + new TreeSet<>(values));
        if (gt != NO_LOWER) {
            sb.append(" Gt ").append(gt);
        }
        if (lt != NO_UPPER) {
            sb.append(" Lt ").append(lt);
        }
        return sb.toString();
    }
}
