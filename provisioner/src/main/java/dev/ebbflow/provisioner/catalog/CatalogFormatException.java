package dev.ebbflow.provisioner.catalog;

/**
 * A catalog file that cannot be read: says which file (or ConfigMap key) and which field, e.g.
 * {@code catalog.yaml: instanceTypes[3].offerings[0].price: must be a number >= 0}.
 */
public class CatalogFormatException extends Exception {

    private final String source;
    private final String fieldPath;

    public CatalogFormatException(String source, String fieldPath, String problem) {
        super(source + ": " + (fieldPath.isEmpty() ? "" : fieldPath + ": ") + problem);
        this.source = source;
        this.fieldPath = fieldPath;
    }

    /** The file path or other name of where the catalog came from. */
    public String source() {
        return source;
    }

    /** The path of the offending field inside the catalog, e.g. {@code instanceTypes[3].offerings[0].price}. */
    public String fieldPath() {
        return fieldPath;
    }
}
