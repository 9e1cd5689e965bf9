package dev.ebbflow.operator.autoscaling.core.formula;

/** A scalingModifiers formula that cannot be compiled, or whose evaluation failed (e.g. division by zero). */
public class FormulaException extends Exception {

    public FormulaException(String message) {
        super(message);
    }
}
