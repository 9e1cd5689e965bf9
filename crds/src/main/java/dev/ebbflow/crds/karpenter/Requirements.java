package dev.ebbflow.crds.karpenter;

/** The list-level CEL rules Karpenter puts on {@code requirements}. */
final class Requirements {

    static final String IN_NEEDS_VALUES = "self.all(x, x.operator == 'In' ? x.values.size() != 0 : true)";
    static final String IN_NEEDS_VALUES_MESSAGE = "requirements with operator 'In' must have a value defined";
    static final String GT_LT_SINGLE_INTEGER = "self.all(x, (x.operator == 'Gt' || x.operator == 'Lt' || x.operator == 'Gte' || x.operator == 'Lte') ? (x.values.size() == 1 && int(x.values[0]) >= 0) : true)";
    static final String GT_LT_SINGLE_INTEGER_MESSAGE = "requirements operator 'Gt', 'Lt', 'Gte' or 'Lte' must have a single positive integer value";
    static final String MIN_VALUES_FIT = "self.all(x, (x.operator == 'In' && has(x.minValues)) ? x.values.size() >= x.minValues : true)";
    static final String MIN_VALUES_FIT_MESSAGE = "requirements with 'minValues' must have at least that many values specified in the 'values' field";
    static final String NO_NODEPOOL = "self.all(x, x.key != 'karpenter.sh/nodepool')";
    static final String NO_NODEPOOL_MESSAGE = "label \"karpenter.sh/nodepool\" is restricted";

    private Requirements() {
    }
}
