package dev.ebbflow.operator.autoscaling.core.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ScalingFormulaTest {

    private static final List<String> NAMES = List.of("trig_one", "trig_two", "trig_three", "Trig_One");

    private static double eval(String formula, double one, double two, double three) throws FormulaException {
        return ScalingFormula.compile(formula, NAMES).evaluate(Map.of("trig_one", one, "trig_two", two, "trig_three", three, "Trig_One", 100.0));
    }

    @ParameterizedTest(name = "{0} = {4}")
    @CsvSource(delimiter = ';', value = {
        "(trig_one + trig_two)/2; 4; 6; 0; 5",
        "trig_one + trig_two * 2; 1; 3; 0; 7",
        "(trig_one + trig_two) * 2; 1; 3; 0; 8",
        "trig_one - trig_two - trig_three; 10; 3; 2; 5",
        "trig_one / trig_two / trig_three; 24; 4; 2; 3",
        "2 ** 3 ** 2; 0; 0; 0; 512",
        "2 ^ 3; 0; 0; 0; 8",
        "-2 ** 2; 0; 0; 0; -4",
        "-trig_one * trig_two; 2; 3; 0; -6",
        "trig_one % 4; 10; 0; 0; 2",
        "1_000 + 1e3 + .5; 0; 0; 0; 2000.5",
        "trig_one > 2 ? trig_one + trig_two : 1; 3; 4; 0; 7",
        "trig_one > 2 ? trig_one + trig_two : 1; 2; 4; 0; 1",
        "trig_one < 2 ? trig_one+trig_two >= 2 ? 5 : 10 : 0; 1; 1; 0; 5",
        "trig_one < 2 ? trig_one+trig_two >= 2 ? 5 : 10 : 0; 1; 0; 0; 10",
        "trig_one < 2 ? trig_one+trig_two >= 2 ? 5 : 10 : 0; 3; 0; 0; 0",
        "trig_one > 1 && trig_two > 1 || trig_three > 1 ? 1 : 0; 2; 0; 2; 1",
        "trig_one > 1 && (trig_two > 1 || trig_three > 1) ? 1 : 0; 0; 2; 2; 0",
        "!(trig_one > 1) ? 1 : 0; 0; 0; 0; 1",
        "not (trig_one > 1) and trig_two == 3 or false ? 1 : 0; 0; 3; 0; 1",
        "trig_one != trig_two ? 1 : 0; 1; 2; 0; 1",
        "min(trig_one, trig_two, trig_three); 5; 2; 9; 2",
        "max([trig_one, trig_two, trig_three]); 5; 2; 9; 9",
        "abs(trig_one - trig_two); 2; 5; 0; 3",
        "floor(trig_one / trig_two); 7; 2; 0; 3",
        "ceil(trig_one / trig_two); 7; 2; 0; 4",
        "round(trig_one); 2.5; 0; 0; 3",
        "round(trig_one); -2.5; 0; 0; -3",
        "int(trig_one); -2.7; 0; 0; -2",
        "int(trig_one) + float(trig_two); 2.7; 0.5; 0; 2.5",
        "sqrt(trig_one); 16; 0; 0; 4",
        "sum([trig_one, trig_two, trig_three]); 1; 2; 3; 6",
        "mean([trig_one, trig_two, trig_three]); 1; 2; 6; 3",
        "count([trig_one,trig_two,trig_three],{#>1}) > 1 ? 5 : 0; 2; 2; 0; 5",
        "count([trig_one,trig_two,trig_three],{#>1}) > 1 ? 5 : 0; 2; 0; 0; 0",
        "count([trig_one, trig_two], # > 1); 2; 3; 0; 2",
        "all([trig_one, trig_two], {# > 1}) ? 1 : 0; 2; 3; 0; 1",
        "any([trig_one, trig_two], {# > 2}) ? 1 : 0; 2; 3; 0; 1",
        "none([trig_one, trig_two], {# > 2}) ? 1 : 0; 2; 3; 0; 0",
        "trig_one ?? 7; 2; 0; 0; 2",
        "Trig_One - trig_one; 1; 0; 0; 99",
    })
    void evaluatesLikeExprLang(String formula, double one, double two, double three, double expected) throws FormulaException {
        assertThat(eval(formula, one, two, three)).isCloseTo(expected, within(1e-9));
    }

    @Test
    void ternaryOnlyEvaluatesTheChosenBranch() throws FormulaException {
        assertThat(eval("trig_two == 0 ? 0 : trig_one / trig_two", 5, 0, 0)).isZero();
    }

    @Test
    void divisionByZeroIsAnEvaluationError() {
        assertThatThrownBy(() -> eval("trig_one / trig_two", 5, 0, 0))
                .isInstanceOf(FormulaException.class).hasMessageContaining("trig_one / trig_two").hasMessageContaining("zero");
    }

    @Test
    void aMissingValueIsNilThatOnlyCoalescingAbsorbs() throws FormulaException {
        ScalingFormula f = ScalingFormula.compile("(trig_one ?? 3) + trig_two", NAMES);
        Map<String, Double> values = new HashMap<>(Map.of("trig_two", 1.0));
        assertThat(f.evaluate(values)).isEqualTo(4.0);
        ScalingFormula strict = ScalingFormula.compile("trig_one + trig_two", NAMES);
        assertThatThrownBy(() -> strict.evaluate(values)).isInstanceOf(FormulaException.class);
    }

    @Test
    void compiledFormulaIsReusedAndEvaluatesManyTimes() throws FormulaException {
        ScalingFormula f = ScalingFormula.compile("trig_one * 2", NAMES);
        assertThat(ScalingFormula.compile("trig_one * 2", NAMES)).isSameAs(f);
        for (int i = 0; i < 100; i++) {
            assertThat(f.evaluate(Map.of("trig_one", (double) i))).isEqualTo(2.0 * i);
        }
        assertThat(f.translated()).contains("v").doesNotContain("trig_one");
    }

    static Stream<Arguments> badFormulas() {
        return Stream.of(
            Arguments.of("trig_four + 1", "unknown name 'trig_four'"),
            Arguments.of("TRIG_ONE + 1", "unknown name 'TRIG_ONE'"),
            Arguments.of("trig_one > 1", "must return a number, not a boolean"),
            Arguments.of("trig_one + ", "unexpected 'end of formula'"),
            Arguments.of("(trig_one + 1", "expected ')'"),
            Arguments.of("trig_one +* 2", "unexpected '*'"),
            Arguments.of("trig_one ? 1 : 2", "the condition of '?:' must be a boolean"),
            Arguments.of("trig_one > 1 ? 1 : trig_two > 1", "both branches of '?:' must have the same type"),
            Arguments.of("trig_one && trig_two ? 1 : 0", "the left side of '&&' must be a boolean"),
            Arguments.of("(trig_one > 1) + 1", "the left side of '+' must be a number"),
            Arguments.of("foo(trig_one)", "unknown function 'foo'"),
            Arguments.of("abs(trig_one, trig_two)", "abs() takes exactly one argument"),
            Arguments.of("count([trig_one], trig_one)", "a predicate must be a boolean"),
            Arguments.of("# + 1", "'#' can only be used inside a predicate"),
            Arguments.of("trig_one == 'x'", "string literals are not supported"),
            Arguments.of("trig_one @ 2", "unexpected character '@'"),
            Arguments.of("' '", "string literals"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFormulas")
    void rejectsFormulasThatDoNotCompile(String formula, String message) {
        assertThatThrownBy(() -> ScalingFormula.compile(formula, NAMES))
                .isInstanceOf(FormulaException.class).hasMessageContaining(message);
    }

    @Test
    void rejectsEmptyFormula() {
        assertThatThrownBy(() -> ScalingFormula.compile("  ", NAMES)).isInstanceOf(FormulaException.class).hasMessageContaining("empty");
    }
}
