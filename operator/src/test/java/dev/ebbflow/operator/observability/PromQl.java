package dev.ebbflow.operator.observability;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the metric names out of a PromQL expression, as written in a Grafana panel or an alerting rule,
 * and checks its structure on the way: brackets balanced, every function one Prometheus has, no two
 * operands without an operator between them. It is a tokenizer with PromQL's few contexts (label
 * matchers, grouping label lists, function calls), not a full parser: {@code promtool} remains the
 * reference, and {@code scripts/render-dashboards.sh} runs a real Prometheus on the same queries.
 */
public final class PromQl {
    /** What an expression names, and what is wrong with it (empty when it is well formed). */
    public record Parsed(Set<String> metrics, List<String> problems) {
    }

    static final Set<String> FUNCTIONS = Set.of("abs", "absent", "absent_over_time", "acos", "acosh", "asin", "asinh", "atan", "atanh", "avg_over_time",
            "ceil", "changes", "clamp", "clamp_max", "clamp_min", "cos", "cosh", "count_over_time", "day_of_month", "day_of_week", "day_of_year",
            "days_in_month", "deg", "delta", "deriv", "exp", "floor", "histogram_quantile", "holt_winters", "hour", "idelta", "increase", "irate",
            "label_join", "label_replace", "last_over_time", "ln", "log10", "log2", "max_over_time", "min_over_time", "minute", "month", "pi",
            "predict_linear", "present_over_time", "quantile_over_time", "rad", "rate", "resets", "round", "scalar", "sgn", "sin", "sinh", "sort",
            "sort_desc", "sqrt", "stddev_over_time", "stdvar_over_time", "sum_over_time", "tan", "tanh", "time", "timestamp", "vector", "year");
    static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk",
            "quantile");
    private static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    private static final Set<String> KEYWORDS = Set.of("bool", "offset", "and", "or", "unless", "atan2", "inf", "nan");
    /** Grafana's interval variables become a duration; any other variable is a placeholder value. */
    private static final Pattern GRAFANA_INTERVAL = Pattern.compile("\\$__(rate_interval|interval|range)|\\$\\{__(rate_interval|interval|range)}");
    private static final Pattern TOKEN = Pattern.compile(
            "\\s+|#[^\\n]*|\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`"
                    + "|(?<number>(?:0x[0-9a-fA-F]+|[0-9]*\\.?[0-9]+(?:[eE][+-]?[0-9]+)?)(?:ms|[smhdwy])?(?:[0-9]+(?:ms|[smhdwy]))*)"
                    + "|(?<ident>[a-zA-Z_:][a-zA-Z0-9_:]*)"
                    + "|(?<op>==|!=|<=|>=|=~|!~|[-+*/%^<>=(){}\\[\\],:@])");
    private static final Pattern NAME_MATCHER = Pattern.compile("__name__\\s*=\\s*\"([a-zA-Z_:][a-zA-Z0-9_:]*)\"");
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((.*),\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*\\)\\s*$", Pattern.DOTALL);

    private PromQl() {
    }

    /** A Grafana template variable's query: {@code label_values(selector, label)} names the selector's metric; other forms are PromQL. */
    public static Parsed parseVariableQuery(String query) {
        Matcher m = LABEL_VALUES.matcher(query);
        return parse(m.matches() ? m.group(1) : query);
    }

    public static Parsed parse(String expression) {
        String expr = GRAFANA_INTERVAL.matcher(expression).replaceAll("5m").replaceAll("\\$\\{?[a-zA-Z_][a-zA-Z0-9_]*}?", "1");
        List<Token> tokens = tokenize(expr);
        Set<String> metrics = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        if (tokens.isEmpty()) {
            problems.add("empty expression");
        }
        Matcher nameMatcher = NAME_MATCHER.matcher(expr);
        while (nameMatcher.find()) {
            metrics.add(nameMatcher.group(1));
        }
        StringBuilder open = new StringBuilder();
        boolean skipLabelList = false;
        boolean lastWasOperand = false;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            String next = i + 1 < tokens.size() ? tokens.get(i + 1).text : "";
            boolean inBraces = open.indexOf("{") >= 0;
            boolean inLabelList = open.indexOf("L") >= 0;
            switch (t.kind) {
                case OP -> {
                    switch (t.text) {
                        case "(" -> open.append(skipLabelList ? 'L' : '(');
                        case "{" -> open.append('{');
                        case "[" -> open.append('[');
                        case ")", "}", "]" -> {
                            char expected = t.text.equals(")") ? '(' : t.text.equals("}") ? '{' : '[';
                            char last = open.isEmpty() ? ' ' : open.charAt(open.length() - 1);
                            if (last == expected || (expected == '(' && last == 'L')) {
                                open.setLength(open.length() - 1);
                                // A grouping label list ends no operand: an operand comes next.
                                lastWasOperand = last != 'L';
                                continue;
                            } else {
                                problems.add("unbalanced '" + t.text + "' at " + t.position);
                            }
                        }
                        default -> {
                        }
                    }
                    skipLabelList = false;
                    lastWasOperand = false;
                }
                case IDENT -> {
                    String lower = t.text.toLowerCase(java.util.Locale.ROOT);
                    if (inBraces || inLabelList) {
                        continue;
                    }
                    if (GROUPING.contains(lower)) {
                        skipLabelList = next.equals("(");
                        lastWasOperand = false;
                    } else if (KEYWORDS.contains(lower)) {
                        lastWasOperand = false;
                    } else if (next.equals("(") || AGGREGATIONS.contains(t.text) && (next.equals("by") || next.equals("without"))) {
                        if (!FUNCTIONS.contains(t.text) && !AGGREGATIONS.contains(t.text)) {
                            problems.add("unknown function " + t.text + " at " + t.position);
                        }
                        lastWasOperand = false;
                    } else {
                        if (lastWasOperand && !open.toString().endsWith("[")) {
                            problems.add("two operands without an operator before " + t.text + " at " + t.position);
                        }
                        metrics.add(t.text);
                        lastWasOperand = true;
                    }
                }
                case OTHER -> lastWasOperand = true;
            }
        }
        if (!open.isEmpty()) {
            problems.add("unclosed brackets: " + open.toString().replace('L', '('));
        }
        return new Parsed(metrics, problems);
    }

    private enum Kind { OP, IDENT, OTHER }

    private record Token(Kind kind, String text, int position) {
    }

    private static List<Token> tokenize(String expr) {
        List<Token> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(expr);
        int at = 0;
        while (at < expr.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("cannot read PromQL at " + at + ": " + expr.substring(at, Math.min(expr.length(), at + 20)));
            }
            if (m.group("ident") != null) {
                tokens.add(new Token(Kind.IDENT, m.group(), at));
            } else if (m.group("op") != null) {
                tokens.add(new Token(Kind.OP, m.group(), at));
            } else if (m.group("number") != null || m.group().startsWith("\"") || m.group().startsWith("'") || m.group().startsWith("`")) {
                tokens.add(new Token(Kind.OTHER, m.group(), at));
            }
            at = m.end();
        }
        return tokens;
    }
}
