package dev.ebbflow.provisioner.scheduling;

/** Bad input to the scheduling core; the message starts with the path of the offending field. */
public class InvalidInputException extends IllegalArgumentException {

    private final String field;

    public InvalidInputException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
