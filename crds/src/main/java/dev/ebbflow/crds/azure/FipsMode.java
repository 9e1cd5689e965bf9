package dev.ebbflow.crds.azure;

/** Whether nodes boot a FIPS-compliant image; the schema's {@code enum} for {@code spec.fipsMode}. */
public enum FipsMode {
    FIPS, Disabled
}
