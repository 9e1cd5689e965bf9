package dev.ebbflow.crds.karpenter;

/**
 * The operators a NodePool or NodeClaim requirement may use. The model keeps the operator as a plain
 * string (so a manifest with a wrong one still reads and can be reported by field); this enum gives
 * the schema its {@code enum} and the code a typed view.
 */
public enum RequirementOperator {
    In, NotIn, Exists, DoesNotExist, Gt, Lt, Gte, Lte;

    /** The operator with that exact name, if it is one. */
    public static java.util.Optional<RequirementOperator> of(String name) {
        for (RequirementOperator o : values()) {
            if (o.name().equals(name)) {
                return java.util.Optional.of(o);
            }
        }
        return java.util.Optional.empty();
    }
}
