package dev.ebbflow.provisioner.scheduling;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads requirements in the shape NodePools and NodeClaims carry them ({@code key}, {@code operator},
 * {@code values}, {@code minValues}), e.g. from a CRD object converted to maps, naming the field of any
 * error such as {@code spec.template.spec.requirements[2].operator}.
 */
public final class RequirementParser {

    private RequirementParser() {
    }

    public static List<Requirement> parse(List<? extends Map<String, ?>> raw, String fieldPrefix) {
        List<Requirement> out = new ArrayList<>();
        if (raw == null) {
            return out;
        }
        for (int i = 0; i < raw.size(); i++) {
            String field = fieldPrefix + "[" + i + "]";
            Map<String, ?> m = raw.get(i);
            if (m == null) {
                throw new InvalidInputException(field, "must not be null");
            }
            Object key = m.get("key");
            Object op = m.get("operator");
            if (!(key instanceof String)) {
                throw new InvalidInputException(field + ".key", "must be a string");
            }
            if (!(op instanceof String)) {
                throw new InvalidInputException(field + ".operator", "must be one of In, NotIn, Exists, DoesNotExist, Gt, Lt, Gte, Lte");
            }
            Operator operator = Operator.parse((String) op, field + ".operator");
            List<String> values = new ArrayList<>();
            Object rawValues = m.get("values");
            if (rawValues instanceof List<?> l) {
                for (int j = 0; j < l.size(); j++) {
                    if (!(l.get(j) instanceof String s)) {
                        throw new InvalidInputException(field + ".values[" + j + "]", "must be a string");
                    }
                    values.add(s);
                }
            } else if (rawValues != null) {
                throw new InvalidInputException(field + ".values", "must be a list of strings");
            }
            Integer minValues = null;
            Object rawMin = m.get("minValues");
            if (rawMin instanceof Number n) {
                minValues = n.intValue();
            } else if (rawMin != null) {
                throw new InvalidInputException(field + ".minValues", "must be an integer");
            }
            out.add(Requirement.validated((String) key, operator, values, minValues, field));
        }
        return out;
    }
}
