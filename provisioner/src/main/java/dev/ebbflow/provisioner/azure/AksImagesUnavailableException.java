package dev.ebbflow.provisioner.azure;

import dev.ebbflow.provisioner.cloud.NodeClassNotReadyException;

/**
 * A node class's images cannot be resolved: the gallery has no such image definition or no version
 * of it ({@link #REASON_NOT_FOUND}), or its versions could not be read and none was read before
 * ({@link #REASON_NOT_RESOLVED}). The message names {@code spec.imageFamily}.
 */
public final class AksImagesUnavailableException extends NodeClassNotReadyException {

    public static final String FIELD = "spec.imageFamily";
    public static final String REASON_NOT_FOUND = "ImagesNotFound";
    public static final String REASON_NOT_RESOLVED = "ImagesNotResolved";

    private final String reason;
    private final String detail;

    AksImagesUnavailableException(String nodeClass, String reason, String detail) {
        super(nodeClass, FIELD, detail);
        this.reason = reason;
        this.detail = detail;
    }

    public String reason() {
        return reason;
    }

    /** What the condition says: the field and why, without the node class's name. */
    public String conditionMessage() {
        return FIELD + ": " + detail;
    }
}
