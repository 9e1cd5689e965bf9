package dev.ebbflow.operator.autoscaling.core.formula;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Parses the subset of expr-lang (the language KEDA's scalingModifiers formulas are written in) that
 * makes sense for numbers, checks its types, and writes the equivalent EvalEx expression. EvalEx
 * spells several things differently or not at all: the ternary becomes {@code IF}, {@code ??} becomes
 * {@code COALESCE}, {@code count/all/any/none} over a literal list with a {@code {#...}} predicate are
 * unrolled, and every sub-expression is parenthesised so that expr-lang's precedence (e.g. unary minus
 * below {@code **}) survives EvalEx's own. Trigger names become generated variables, since EvalEx
 * variable names are case-insensitive and expr-lang's are not.
 */
final class ExprTranslator {

    enum Type { NUMBER, BOOL, LIST, PREDICATE }

    /** A typed piece of the translated expression; {@code emit} receives what {@code #} stands for. */
    private record Node(Type type, Function<String, String> emit, List<Node> items) {
        static Node of(Type type, Function<String, String> emit) {
            return new Node(type, emit, List.of());
        }

        String emit(String hash) {
            return emit.apply(hash);
        }
    }

    private record Token(String kind, String text, int pos) {
    }

    private static final Map<String, Integer> BINARY_PRECEDENCE = Map.ofEntries(
            Map.entry("||", 10), Map.entry("or", 10),
            Map.entry("&&", 15), Map.entry("and", 15),
            Map.entry("==", 20), Map.entry("!=", 20), Map.entry("<", 20), Map.entry(">", 20),
            Map.entry("<=", 20), Map.entry(">=", 20),
            Map.entry("+", 30), Map.entry("-", 30),
            Map.entry("*", 60), Map.entry("/", 60), Map.entry("%", 60),
            Map.entry("**", 100), Map.entry("^", 100),
            Map.entry("??", 500));
    private static final int NOT_PRECEDENCE = 50;
    private static final int NEGATE_PRECEDENCE = 90;

    private final String source;
    private final Map<String, String> variableIds;
    private final List<Token> tokens;
    private int next;
    private int predicateDepth;

    private ExprTranslator(String source, Map<String, String> variableIds) throws FormulaException {
        this.source = source;
        this.variableIds = variableIds;
        this.tokens = tokenize(source);
    }

    /**
     * Translates {@code formula} into EvalEx syntax.
     *
     * @param variableIds trigger name to EvalEx variable name; any other name is an error
     * @throws FormulaException naming the problem and its position
     */
    static String translate(String formula, Map<String, String> variableIds) throws FormulaException {
        ExprTranslator t = new ExprTranslator(formula, variableIds);
        if (t.tokens.size() == 1) {
            throw new FormulaException("formula is empty");
        }
        Node root = t.ternary();
        if (!t.peek().kind.equals("end")) {
            throw t.error("unexpected '" + t.peek().text + "'", t.peek());
        }
        if (root.type != Type.NUMBER) {
            throw new FormulaException("formula must return a number, not a " + describe(root.type));
        }
        return root.emit(null);
    }

    // ---- tokens

    private static final Set<String> TWO_CHAR = Set.of("**", "==", "!=", "<=", ">=", "&&", "||", "??");
    private static final String ONE_CHAR = "+-*/%^<>!?:()[],{}#";

    private static List<Token> tokenize(String s) throws FormulaException {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                int start = i;
                while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == '_')) {
                    i++;
                }
                if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                    i++;
                    if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                        i++;
                    }
                    while (i < s.length() && Character.isDigit(s.charAt(i))) {
                        i++;
                    }
                }
                out.add(new Token("number", s.substring(start, i), start));
            } else if (Character.isLetter(c) || c == '_' || c == '$') {
                int start = i;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '$')) {
                    i++;
                }
                out.add(new Token("ident", s.substring(start, i), start));
            } else if (c == '"' || c == '\'' || c == '`') {
                throw new FormulaException("string literals are not supported in formulas (position " + i + ")");
            } else if (i + 1 < s.length() && TWO_CHAR.contains(s.substring(i, i + 2))) {
                out.add(new Token("op", s.substring(i, i + 2), i));
                i += 2;
            } else if (ONE_CHAR.indexOf(c) >= 0) {
                out.add(new Token("op", String.valueOf(c), i));
                i++;
            } else {
                throw new FormulaException("unexpected character '" + c + "' at position " + i);
            }
        }
        out.add(new Token("end", "end of formula", s.length()));
        return out;
    }

    private Token peek() {
        return tokens.get(next);
    }

    private boolean at(String text) {
        Token t = peek();
        return !t.kind.equals("number") && !t.kind.equals("end") && t.text.equals(text);
    }

    private Token expect(String text) throws FormulaException {
        if (!at(text)) {
            throw error("expected '" + text + "' but found '" + peek().text + "'", peek());
        }
        return tokens.get(next++);
    }

    private FormulaException error(String message, Token at) {
        return new FormulaException(message + " at position " + at.pos + " of '" + source + "'");
    }

    // ---- grammar

    private Node ternary() throws FormulaException {
        Token start = peek();
        Node condition = binary(0);
        if (!at("?")) {
            return condition;
        }
        expect("?");
        requireType(condition, Type.BOOL, "the condition of '?:'", start);
        Token branchStart = peek();
        Node whenTrue = ternary();
        expect(":");
        Node whenFalse = ternary();
        if (whenTrue.type != whenFalse.type) {
            throw error("both branches of '?:' must have the same type, got " + describe(whenTrue.type)
                    + " and " + describe(whenFalse.type), branchStart);
        }
        return Node.of(whenTrue.type, h -> "IF(" + condition.emit(h) + ", " + whenTrue.emit(h) + ", " + whenFalse.emit(h) + ")");
    }

    private Node binary(int minPrecedence) throws FormulaException {
        Node left = unary();
        while (true) {
            Token op = peek();
            Integer precedence = op.kind.equals("number") || op.kind.equals("end") ? null : BINARY_PRECEDENCE.get(op.text);
            if (precedence == null || precedence < minPrecedence) {
                return left;
            }
            next++;
            boolean rightAssociative = op.text.equals("**") || op.text.equals("^");
            Node right = binary(rightAssociative ? precedence : precedence + 1);
            left = combine(op, left, right);
        }
    }

    private Node combine(Token op, Node l, Node r) throws FormulaException {
        switch (op.text) {
            case "||", "or", "&&", "and" -> {
                requireType(l, Type.BOOL, "the left side of '" + op.text + "'", op);
                requireType(r, Type.BOOL, "the right side of '" + op.text + "'", op);
                String evalex = op.text.equals("||") || op.text.equals("or") ? "||" : "&&";
                return Node.of(Type.BOOL, h -> "(" + l.emit(h) + " " + evalex + " " + r.emit(h) + ")");
            }
            case "==", "!=" -> {
                if (l.type != r.type || (l.type != Type.NUMBER && l.type != Type.BOOL)) {
                    throw error("'" + op.text + "' compares values of the same type, got " + describe(l.type)
                            + " and " + describe(r.type), op);
                }
                return Node.of(Type.BOOL, h -> "(" + l.emit(h) + " " + op.text + " " + r.emit(h) + ")");
            }
            case "??" -> {
                requireNumbers(op, l, r);
                return Node.of(Type.NUMBER, h -> "COALESCE(" + l.emit(h) + ", " + r.emit(h) + ")");
            }
            default -> {
                requireNumbers(op, l, r);
                boolean comparison = op.text.startsWith("<") || op.text.startsWith(">");
                String evalex = op.text.equals("**") ? "^" : op.text;
                return Node.of(comparison ? Type.BOOL : Type.NUMBER, h -> "(" + l.emit(h) + " " + evalex + " " + r.emit(h) + ")");
            }
        }
    }

    private Node unary() throws FormulaException {
        Token op = peek();
        if (at("!") || at("not")) {
            next++;
            Node operand = binary(NOT_PRECEDENCE);
            requireType(operand, Type.BOOL, "the operand of '" + op.text + "'", op);
            return Node.of(Type.BOOL, h -> "NOT(" + operand.emit(h) + ")");
        }
        if (at("-") || at("+")) {
            next++;
            Node operand = binary(NEGATE_PRECEDENCE);
            requireType(operand, Type.NUMBER, "the operand of unary '" + op.text + "'", op);
            return op.text.equals("-") ? Node.of(Type.NUMBER, h -> "(0 - " + operand.emit(h) + ")") : operand;
        }
        return primary();
    }

    private Node primary() throws FormulaException {
        Token t = peek();
        if (t.kind.equals("number")) {
            next++;
            String plain;
            try {
                plain = new BigDecimal(t.text.replace("_", "")).toPlainString();
            } catch (NumberFormatException e) {
                throw error("malformed number '" + t.text + "'", t);
            }
            return Node.of(Type.NUMBER, h -> plain);
        }
        if (t.kind.equals("ident")) {
            next++;
            switch (t.text) {
                case "true":
                    return Node.of(Type.BOOL, h -> "TRUE");
                case "false":
                    return Node.of(Type.BOOL, h -> "FALSE");
                default:
                    break;
            }
            if (at("(")) {
                return call(t);
            }
            String id = variableIds.get(t.text);
            if (id == null) {
                throw error("unknown name '" + t.text + "' (the formula can only use the names of the triggers: "
                        + new java.util.TreeSet<>(variableIds.keySet()) + ")", t);
            }
            return Node.of(Type.NUMBER, h -> id);
        }
        if (at("(")) {
            next++;
            Node inner = ternary();
            expect(")");
            return inner;
        }
        if (at("[")) {
            return list();
        }
        if (at("#")) {
            if (predicateDepth == 0) {
                throw error("'#' can only be used inside a predicate such as count([a, b], {# > 1})", t);
            }
            next++;
            return Node.of(Type.NUMBER, h -> h);
        }
        throw error("unexpected '" + t.text + "'", t);
    }

    private Node list() throws FormulaException {
        Token open = expect("[");
        List<Node> items = new ArrayList<>();
        if (!at("]")) {
            do {
                Node item = ternary();
                requireType(item, Type.NUMBER, "a list element", open);
                items.add(item);
            } while (at(",") && expect(",") != null);
        }
        expect("]");
        return new Node(Type.LIST, h -> {
            throw new IllegalStateException("a list is only emitted through the function that takes it");
        }, List.copyOf(items));
    }

    private Node predicate() throws FormulaException {
        predicateDepth++;
        try {
            Token start = peek();
            boolean braced = at("{");
            if (braced) {
                next++;
            }
            Node body = ternary();
            if (braced) {
                expect("}");
            }
            requireType(body, Type.BOOL, "a predicate", start);
            return new Node(Type.PREDICATE, body.emit, List.of());
        } finally {
            predicateDepth--;
        }
    }

    private Node call(Token name) throws FormulaException {
        expect("(");
        String fn = name.text;
        List<Node> args = new ArrayList<>();
        boolean takesPredicate = Set.of("count", "all", "any", "none").contains(fn);
        if (!at(")")) {
            args.add(ternaryOrList());
            while (at(",")) {
                next++;
                args.add(takesPredicate && args.size() == 1 ? predicate() : ternaryOrList());
            }
        }
        expect(")");
        return switch (fn) {
            case "min", "max" -> minMax(name, args);
            case "abs" -> numeric(name, args, x -> "ABS(" + x + ")");
            case "ceil" -> numeric(name, args, x -> "CEILING(" + x + ")");
            case "floor" -> numeric(name, args, x -> "FLOOR(" + x + ")");
            case "round" -> numeric(name, args, x -> "ROUND(" + x + ", 0)");
            case "sqrt" -> numeric(name, args, x -> "SQRT(" + x + ")");
            case "float" -> numeric(name, args, x -> x);
            case "int" -> numeric(name, args, x -> "IF(" + x + " < 0, CEILING(" + x + "), FLOOR(" + x + "))");
            case "sum" -> overList(name, args, items -> joined(items, " + ", "0"));
            case "mean" -> overList(name, args, items -> items.isEmpty() ? "0" : "(" + joined(items, " + ", "0") + " / " + items.size() + ")");
            case "count" -> withPredicate(name, args, Type.NUMBER, (items, p) -> joined(mapEach(items, x -> "IF(" + p.apply(x) + ", 1, 0)"), " + ", "0"));
            case "all" -> withPredicate(name, args, Type.BOOL, (items, p) -> joined(mapEach(items, p), " && ", "TRUE"));
            case "any" -> withPredicate(name, args, Type.BOOL, (items, p) -> joined(mapEach(items, p), " || ", "FALSE"));
            case "none" -> withPredicate(name, args, Type.BOOL, (items, p) -> "NOT(" + joined(mapEach(items, p), " || ", "FALSE") + ")");
            default -> throw error("unknown function '" + fn + "' (supported: min, max, abs, ceil, floor, round, sqrt, int, float, "
                    + "sum, mean, count, all, any, none)", name);
        };
    }

    private Node ternaryOrList() throws FormulaException {
        return at("[") ? list() : ternary();
    }

    private Node minMax(Token name, List<Node> args) throws FormulaException {
        List<Node> values = args.size() == 1 && args.get(0).type == Type.LIST ? args.get(0).items : args;
        if (values.isEmpty()) {
            throw error(name.text + "() needs at least one number", name);
        }
        for (Node v : values) {
            requireType(v, Type.NUMBER, "an argument of " + name.text + "()", name);
        }
        String fn = name.text.toUpperCase(java.util.Locale.ROOT);
        return Node.of(Type.NUMBER, h -> fn + "(" + String.join(", ", mapEach(values, v -> v.emit(h))) + ")");
    }

    private Node numeric(Token name, List<Node> args, Function<String, String> shape) throws FormulaException {
        if (args.size() != 1) {
            throw error(name.text + "() takes exactly one argument", name);
        }
        Node x = args.get(0);
        requireType(x, Type.NUMBER, "the argument of " + name.text + "()", name);
        return Node.of(Type.NUMBER, h -> shape.apply(x.emit(h)));
    }

    private Node overList(Token name, List<Node> args, Function<List<String>, String> shape) throws FormulaException {
        if (args.size() != 1 || args.get(0).type != Type.LIST) {
            throw error(name.text + "() takes one list, e.g. " + name.text + "([a, b])", name);
        }
        List<Node> items = args.get(0).items;
        return Node.of(Type.NUMBER, h -> shape.apply(mapEach(items, i -> i.emit(h))));
    }

    private interface PredicateShape {
        String apply(List<String> items, Function<String, String> predicate);
    }

    private Node withPredicate(Token name, List<Node> args, Type result, PredicateShape shape) throws FormulaException {
        if (args.size() != 2 || args.get(0).type != Type.LIST || args.get(1).type != Type.PREDICATE) {
            throw error(name.text + "() takes a list and a predicate, e.g. " + name.text + "([a, b], {# > 1})", name);
        }
        List<Node> items = args.get(0).items;
        Node predicate = args.get(1);
        return Node.of(result, h -> "(" + shape.apply(mapEach(items, i -> i.emit(h)), predicate::emit) + ")");
    }

    private static <T> List<String> mapEach(List<T> items, Function<T, String> f) {
        List<String> out = new ArrayList<>();
        for (T item : items) {
            out.add(f.apply(item));
        }
        return out;
    }

    private static String joined(List<String> parts, String separator, String empty) {
        return parts.isEmpty() ? empty : "(" + String.join(separator, parts) + ")";
    }

    private void requireNumbers(Token op, Node l, Node r) throws FormulaException {
        requireType(l, Type.NUMBER, "the left side of '" + op.text + "'", op);
        requireType(r, Type.NUMBER, "the right side of '" + op.text + "'", op);
    }

    private void requireType(Node node, Type expected, String what, Token at) throws FormulaException {
        if (node.type != expected) {
            throw error(what + " must be a " + describe(expected) + ", not a " + describe(node.type), at);
        }
    }

    private static String describe(Type type) {
        return switch (type) {
            case NUMBER -> "number";
            case BOOL -> "boolean";
            case LIST -> "list";
            case PREDICATE -> "predicate";
        };
    }
}
