package dev.ebbflow.provisioner.cloud;

/**
 * A NodePool or NodeClaim names a NodeClass this cloud does not have, or one of a kind this cloud
 * does not serve. {@link #fieldPath()} names the referencing field.
 */
public class NodeClassNotFoundException extends CloudProviderException {

    private final String fieldPath;

    public NodeClassNotFoundException(String fieldPath, String message) {
        super(fieldPath + ": " + message);
        this.fieldPath = fieldPath;
    }

    public String fieldPath() {
        return fieldPath;
    }
}
