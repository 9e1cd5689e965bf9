package dev.ebbflow.provisioner.azure;

/** An error answer of Azure Resource Manager: the HTTP status and ARM's {@code error.code} and message. */
public final class ArmException extends Exception {

    private final int status;
    private final String code;

    public ArmException(int status, String code, String message) {
        super(status + " " + code + ": " + message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public boolean notFound() {
        return status == 404;
    }

    public boolean unauthorized() {
        return status == 401 || status == 403;
    }
}
