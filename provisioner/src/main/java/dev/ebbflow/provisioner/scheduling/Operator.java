package dev.ebbflow.provisioner.scheduling;

/** The node selector operators a NodePool requirement or a pod's node affinity may use. */
public enum Operator {
    IN("In"), NOT_IN("NotIn"), EXISTS("Exists"), DOES_NOT_EXIST("DoesNotExist"), GT("Gt"), LT("Lt"), GTE("Gte"), LTE("Lte");

    private final String wireName;

    Operator(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** @throws InvalidInputException naming {@code field} when the text is no operator */
    public static Operator parse(String text, String field) {
        for (Operator o : values()) {
            if (o.wireName.equals(text)) {
                return o;
            }
        }
        throw new InvalidInputException(field, "unknown operator '" + text + "', expected one of In, NotIn, Exists, DoesNotExist, Gt, Lt, Gte, Lte");
    }

    boolean isNumeric() {
        return this == GT || this == LT || this == GTE || this == LTE;
    }
}
