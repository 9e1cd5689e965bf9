package dev.ebbflow.operator.autoscaling.core.formula;

import com.ezylang.evalex.EvaluationException;
import com.ezylang.evalex.Expression;
import com.ezylang.evalex.config.ExpressionConfiguration;
import com.ezylang.evalex.data.EvaluationValue;
import com.ezylang.evalex.parser.ParseException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A compiled {@code spec.advanced.scalingModifiers.formula}: parsed and type-checked once against the
 * trigger names it may use, evaluated many times (every poll, every metrics request) on EvalEx.
 * Instances are immutable and safe to share between threads.
 *
 * <p>Supported expr-lang syntax: numbers, trigger names, {@code + - * / % ** ^}, comparisons,
 * {@code && || !} (and {@code and or not}), {@code cond ? a : b}, {@code a ?? b}, parentheses, and the
 * functions {@code min max abs ceil floor round sqrt int float sum mean count all any none}.
 */
public final class ScalingFormula {

    // Go's math.Round, which expr-lang uses, rounds halves away from zero: HALF_UP in BigDecimal terms.
    private static final ExpressionConfiguration CONFIG = ExpressionConfiguration.defaultConfiguration().toBuilder()
            .mathContext(new MathContext(34, RoundingMode.HALF_UP))
            .build();
    private static final int CACHE_SIZE = 4096;
    private static final Map<String, ScalingFormula> CACHE = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ScalingFormula> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private final String source;
    private final Map<String, String> variableIds;
    private final Expression compiled;

    private ScalingFormula(String source, Map<String, String> variableIds, Expression compiled) {
        this.source = source;
        this.variableIds = variableIds;
        this.compiled = compiled;
    }

    /**
     * Compiles {@code formula} for a ScaledObject whose triggers are named {@code triggerNames}.
     * Compiled formulas are cached, since every ScaledObject's formula is evaluated on every poll.
     *
     * @throws FormulaException when the formula does not parse, uses an unknown name or function, or
     *     does not return a number
     */
    public static ScalingFormula compile(String formula, Collection<String> triggerNames) throws FormulaException {
        if (formula == null || formula.isBlank()) {
            throw new FormulaException("formula is empty");
        }
        TreeSet<String> names = new TreeSet<>(triggerNames);
        String key = names + "\u0000" + formula;
        synchronized (CACHE) {
            ScalingFormula cached = CACHE.get(key);
            if (cached != null) {
                return cached;
            }
        }
        Map<String, String> ids = new TreeMap<>();
        int i = 0;
        for (String name : names) {
            ids.put(name, "v" + i++);
        }
        String evalex = ExprTranslator.translate(formula, ids);
        Expression expression = new Expression(evalex, CONFIG);
        try {
            expression.validate();
        } catch (ParseException e) {
            // The translator only writes valid EvalEx, so this is a bug of ours, reported as such.
            throw new IllegalStateException("formula '" + formula + "' translated to invalid EvalEx '" + evalex + "': " + e.getMessage(), e);
        }
        ScalingFormula compiled = new ScalingFormula(formula, Map.copyOf(ids), expression);
        synchronized (CACHE) {
            CACHE.put(key, compiled);
        }
        return compiled;
    }

    /**
     * Evaluates the formula.
     *
     * @param values trigger name to metric value; a missing or NaN value is expr-lang's nil, which
     *     only {@code ??} can absorb
     * @throws FormulaException when evaluation fails (division by zero, a nil used in arithmetic)
     */
    public double evaluate(Map<String, Double> values) throws FormulaException {
        Expression expression;
        try {
            expression = compiled.copy();
        } catch (ParseException e) {
            throw new IllegalStateException("compiled formula failed to copy", e);
        }
        for (Map.Entry<String, String> v : variableIds.entrySet()) {
            Double value = values.get(v.getKey());
            expression.with(v.getValue(), value == null || value.isNaN() || value.isInfinite() ? null : BigDecimal.valueOf(value).stripTrailingZeros());
        }
        EvaluationValue result;
        try {
            result = expression.evaluate();
        } catch (EvaluationException e) {
            throw new FormulaException("formula '" + source + "' failed: " + e.getMessage());
        } catch (ParseException e) {
            throw new IllegalStateException("compiled formula failed to parse", e);
        } catch (ArithmeticException e) {
            throw new FormulaException("formula '" + source + "' failed: " + e.getMessage());
        } catch (RuntimeException e) {
            // EvalEx reaches arithmetic on a nil value as a NullPointerException or similar.
            throw new FormulaException("formula '" + source + "' failed: a value it uses is missing");
        }
        if (result.isNullValue() || !result.isNumberValue()) {
            throw new FormulaException("formula '" + source + "' has no value: a trigger it uses has none");
        }
        return result.getNumberValue().doubleValue();
    }

    /** The formula as written. */
    public String source() {
        return source;
    }

    /** What EvalEx evaluates, for diagnostics. */
    public String translated() {
        return compiled.getExpressionString();
    }
}
