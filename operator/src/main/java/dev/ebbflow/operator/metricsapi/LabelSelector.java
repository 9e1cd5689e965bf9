package dev.ebbflow.operator.metricsapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A parsed Kubernetes label selector as sent in {@code ?labelSelector=}: equality ({@code a=b}, {@code a==b},
 * {@code a!=b}), existence ({@code a}, {@code !a}) and set ({@code a in (x,y)}, {@code a notin (x)}) requirements,
 * all of which must hold.
 */
public final class LabelSelector {
    public enum Operator { EQUALS, NOT_EQUALS, EXISTS, NOT_EXISTS, IN, NOT_IN }

    public record Requirement(String key, Operator operator, Set<String> values) {
        boolean matches(Map<String, String> labels) {
            String actual = labels.get(key);
            return switch (operator) {
                case EXISTS -> actual != null;
                case NOT_EXISTS -> actual == null;
                case EQUALS, IN -> actual != null && values.contains(actual);
                // As in Kubernetes, "!=" and "notin" also match objects that lack the label.
                case NOT_EQUALS, NOT_IN -> actual == null || !values.contains(actual);
            };
        }
    }

    private static final String NAME = "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?";
    private static final Pattern KEY = Pattern.compile("([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?/)?" + NAME);
    private static final Pattern VALUE = Pattern.compile("(" + NAME + ")?");
    private static final Pattern SET = Pattern.compile("(\\S+)\\s+(in|notin)\\s*\\((.*)\\)");
    private static final LabelSelector EVERYTHING = new LabelSelector(List.of(), "");

    private final List<Requirement> requirements;
    private final String text;

    private LabelSelector(List<Requirement> requirements, String text) {
        this.requirements = List.copyOf(requirements);
        this.text = text;
    }

    public static LabelSelector everything() {
        return EVERYTHING;
    }

    /** Parses the query parameter; null or blank selects everything. */
    public static LabelSelector parse(String selector) {
        if (selector == null || selector.isBlank()) {
            return EVERYTHING;
        }
        List<Requirement> requirements = new ArrayList<>();
        for (String part : splitTopLevel(selector)) {
            requirements.add(parseRequirement(part.trim(), selector));
        }
        return new LabelSelector(requirements, selector.trim());
    }

    public boolean matches(Map<String, String> labels) {
        return requirements.stream().allMatch(r -> r.matches(labels));
    }

    public List<Requirement> requirements() {
        return requirements;
    }

    /** The value of an equality requirement on {@code key} ({@code key=value} or {@code key in (value)}), if any. */
    public java.util.Optional<String> equalityValue(String key) {
        return requirements.stream()
                .filter(r -> r.key().equals(key) && (r.operator() == Operator.EQUALS || r.operator() == Operator.IN) && r.values().size() == 1)
                .map(r -> r.values().iterator().next())
                .findFirst();
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelSelector other && other.requirements.equals(requirements);
    }

    @Override
    public int hashCode() {
        return requirements.hashCode();
    }

    private static List<String> splitTopLevel(String selector) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(selector.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(selector.substring(start));
        return parts;
    }

    private static Requirement parseRequirement(String part, String selector) {
        if (part.isEmpty()) {
            throw invalid(selector, "empty requirement");
        }
        Matcher set = SET.matcher(part);
        if (set.matches()) {
            Set<String> values = java.util.Arrays.stream(set.group(3).split(",", -1))
                    .map(String::trim)
                    .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
            values.forEach(v -> checkValue(v, selector));
            return new Requirement(checkKey(set.group(1), selector), set.group(2).equals("in") ? Operator.IN : Operator.NOT_IN, Set.copyOf(values));
        }
        if (part.startsWith("!") && !part.contains("=")) {
            return new Requirement(checkKey(part.substring(1).trim(), selector), Operator.NOT_EXISTS, Set.of());
        }
        for (String symbol : List.of("!=", "==", "=")) {
            int at = part.indexOf(symbol);
            if (at >= 0) {
                String key = checkKey(part.substring(0, at).trim(), selector);
                String value = checkValue(part.substring(at + symbol.length()).trim(), selector);
                return new Requirement(key, symbol.equals("!=") ? Operator.NOT_EQUALS : Operator.EQUALS, Set.of(value));
            }
        }
        return new Requirement(checkKey(part, selector), Operator.EXISTS, Set.of());
    }

    private static String checkKey(String key, String selector) {
        if (!KEY.matcher(key).matches()) {
            throw invalid(selector, "invalid label key \"" + key + "\"");
        }
        return key;
    }

    private static String checkValue(String value, String selector) {
        if (!VALUE.matcher(value).matches()) {
            throw invalid(selector, "invalid label value \"" + value + "\"");
        }
        return value;
    }

    private static IllegalArgumentException invalid(String selector, String why) {
        return new IllegalArgumentException("labelSelector \"" + selector + "\": " + why);
    }
}
