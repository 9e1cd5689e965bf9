package dev.ebbflow.operator.cli.catalog;

/** Why a catalog cannot be exported, as one line that names the option at fault. */
public final class CatalogExportException extends Exception {

    public CatalogExportException(String option, String message) {
        super(option + ": " + message);
    }
}
