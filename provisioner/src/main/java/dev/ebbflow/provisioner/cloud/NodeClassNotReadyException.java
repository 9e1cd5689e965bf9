package dev.ebbflow.provisioner.cloud;

/**
 * A NodeClass exists but cannot be used as it stands (a catalog that fails to load, a malformed
 * field). {@link #fieldPath()} names the NodeClass field, e.g. {@code spec.catalogConfigMapRef.key}.
 */
public class NodeClassNotReadyException extends CloudProviderException {

    private final String fieldPath;

    public NodeClassNotReadyException(String nodeClass, String fieldPath, String message) {
        super(nodeClass + ": " + fieldPath + ": " + message);
        this.fieldPath = fieldPath;
    }

    public String fieldPath() {
        return fieldPath;
    }
}
