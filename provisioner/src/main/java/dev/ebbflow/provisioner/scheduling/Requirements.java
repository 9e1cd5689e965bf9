package dev.ebbflow.provisioner.scheduling;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A conjunction of requirements, one {@link ValueSet} per label key. Immutable; {@link #and}
 * intersects. A key not mentioned is unconstrained.
 */
public final class Requirements {

    public static final Requirements NONE = new Requirements(Map.of());

    private final Map<String, ValueSet> sets;

    private Requirements(Map<String, ValueSet> sets) {
        this.sets = sets;
    }

    public static Requirements of(Requirement... rs) {
        return of(List.of(rs));
    }

    public static Requirements of(Collection<Requirement> rs) {
        if (rs.isEmpty()) {
            return NONE;
        }
        Map<String, ValueSet> m = new HashMap<>();
        for (Requirement r : rs) {
            m.merge(r.key(), ValueSet.of(r), ValueSet::intersect);
        }
        return new Requirements(Collections.unmodifiableMap(m));
    }

    /** Each label as {@code key In [value]}. */
    public static Requirements fromLabels(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return NONE;
        }
        Map<String, ValueSet> m = new HashMap<>();
        labels.forEach((k, v) -> m.put(k, ValueSet.single(v)));
        return new Requirements(Collections.unmodifiableMap(m));
    }

    public boolean isEmpty() {
        return sets.isEmpty();
    }

    public Set<String> keys() {
        return sets.keySet();
    }

    /** The allowed values of a key, or null when the key is unconstrained. */
    public ValueSet get(String key) {
        return sets.get(key);
    }

    /** Whether this value of the key passes (an unconstrained key passes everything). */
    public boolean allows(String key, String value) {
        ValueSet s = sets.get(key);
        return s == null || s.has(value);
    }

    /** The only value a key can take, or null when it is unconstrained or has several. */
    public String singleValue(String key) {
        ValueSet s = sets.get(key);
        if (s == null) {
            return null;
        }
        Set<String> f = s.finiteValues();
        return f != null && f.size() == 1 ? f.iterator().next() : null;
    }

    /**
     * The conjunction. When the other requirements add nothing, this same object, so a caller can
     * tell by identity that nothing changed.
     */
    public Requirements and(Requirements other) {
        if (other.sets.isEmpty()) {
            return this;
        }
        if (sets.isEmpty()) {
            return other;
        }
        if (implies(other)) {
            return this;
        }
        Map<String, ValueSet> m = new HashMap<>(sets);
        other.sets.forEach((k, v) -> m.merge(k, v, ValueSet::intersect));
        return new Requirements(Collections.unmodifiableMap(m));
    }

    /** This with one key's values intersected; this same object when that changes nothing. */
    public Requirements and(String key, ValueSet set) {
        ValueSet mine = sets.get(key);
        if (mine != null && mine.unchangedBy(set)) {
            return this;
        }
        Map<String, ValueSet> m = new HashMap<>(sets);
        m.merge(key, set, ValueSet::intersect);
        return new Requirements(Collections.unmodifiableMap(m));
    }

    private boolean implies(Requirements other) {
        for (Map.Entry<String, ValueSet> e : other.sets.entrySet()) {
            ValueSet mine = sets.get(e.getKey());
            if (mine == null || !mine.unchangedBy(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** Whether a node with exactly these labels satisfies every requirement. */
    public boolean matchesLabels(Map<String, String> labels) {
        for (Map.Entry<String, ValueSet> e : sets.entrySet()) {
            if (!e.getValue().admits(labels.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Why a pod (or anything else) asking for {@code wanted} cannot land on a node described by these
     * requirements, or null when it can. A key that this side does not constrain is fine when the node
     * will get a value for it from elsewhere ({@code resolvedKeys}: well-known labels, instance type
     * labels); otherwise the node will lack that label, which only requirements tolerating absence pass.
     */
    public String incompatibility(Requirements wanted, Set<String> resolvedKeys) {
        for (Map.Entry<String, ValueSet> e : wanted.sets.entrySet()) {
            String key = e.getKey();
            ValueSet mine = sets.get(key);
            if (mine != null) {
                if (mine.intersect(e.getValue()).impossible()) {
                    return "requirement " + key + " " + e.getValue() + " conflicts with " + mine;
                }
            } else if (!resolvedKeys.contains(key) && !e.getValue().mayBeAbsent()) {
                return "label " + key + " (" + e.getValue() + ") is not set on such nodes";
            }
        }
        return null;
    }

    /** True when some key's requirements contradict each other. */
    public String contradiction() {
        for (Map.Entry<String, ValueSet> e : sets.entrySet()) {
            if (e.getValue().impossible()) {
                return "requirement " + e.getKey() + " can never be met";
            }
        }
        return null;
    }

    public List<Requirement> toList() {
        List<Requirement> out = new ArrayList<>();
        new TreeMap<>(sets).forEach((k, v) -> out.addAll(v.toRequirements(k)));
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Requirements r && r.toList().equals(toList());
    }

    @Override
    public int hashCode() {
        return toList().hashCode();
    }

    @Override
    public String toString() {
        return new TreeMap<>(sets).toString();
    }
}
