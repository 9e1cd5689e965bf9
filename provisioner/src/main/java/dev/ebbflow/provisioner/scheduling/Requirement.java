package dev.ebbflow.provisioner.scheduling;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One node selector requirement as a NodePool or a pod states it.
 *
 * @param minValues at least this many distinct values of {@code key} must stay possible among a
 *     claim's instance types (Karpenter's flexibility floor); null when not set
 */
public record Requirement(String key, Operator operator, Set<String> values, Integer minValues) {

    public Requirement {
        values = Set.copyOf(values);
    }

    public static Requirement in(String key, String... values) {
        return new Requirement(key, Operator.IN, Set.of(values), null);
    }

    public static Requirement notIn(String key, String... values) {
        return new Requirement(key, Operator.NOT_IN, Set.of(values), null);
    }

    public static Requirement exists(String key) {
        return new Requirement(key, Operator.EXISTS, Set.of(), null);
    }

    public static Requirement doesNotExist(String key) {
        return new Requirement(key, Operator.DOES_NOT_EXIST, Set.of(), null);
    }

    /**
     * Checks the shape Kubernetes and Karpenter demand and names {@code field} on failure: In/NotIn
     * need values, Exists/DoesNotExist take none, Gt/Lt/Gte/Lte take exactly one integer, and
     * {@code minValues} must be positive and, for In, no larger than the number of values.
     */
    public static Requirement validated(String key, Operator operator, List<String> values, Integer minValues, String field) {
        if (key == null || key.isBlank()) {
            throw new InvalidInputException(field + ".key", "must not be empty");
        }
        List<String> vs = values == null ? List.of() : values;
        switch (operator) {
            case IN, NOT_IN -> {
                if (vs.isEmpty()) {
                    throw new InvalidInputException(field + ".values", "operator " + operator.wireName() + " needs at least one value");
                }
            }
            case EXISTS, DOES_NOT_EXIST -> {
                if (!vs.isEmpty()) {
                    throw new InvalidInputException(field + ".values", "operator " + operator.wireName() + " takes no values");
                }
            }
            default -> {
                if (vs.size() != 1) {
                    throw new InvalidInputException(field + ".values", "operator " + operator.wireName() + " needs exactly one integer value");
                }
                try {
                    Long.parseLong(vs.get(0));
                } catch (NumberFormatException e) {
                    throw new InvalidInputException(field + ".values[0]", "'" + vs.get(0) + "' is not an integer");
                }
            }
        }
        if (minValues != null) {
            if (minValues < 1) {
                throw new InvalidInputException(field + ".minValues", "must be at least 1, got " + minValues);
            }
            if (operator == Operator.IN && minValues > new TreeSet<>(vs).size()) {
                throw new InvalidInputException(field + ".minValues", "minValues " + minValues + " is larger than the " + new TreeSet<>(vs).size() + " values given");
            }
        }
        return new Requirement(key, operator, Set.copyOf(vs), minValues);
    }
}
