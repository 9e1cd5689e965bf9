package dev.ebbflow.operator.startup;

/**
 * Which CustomResourceDefinitions the API server serves now. A controller whose CRDs are not all
 * established waits instead of failing the whole operator, and starts once they are.
 */
public interface CrdAvailability extends AutoCloseable {

    /** Whether the CRD (e.g. {@code scaledobjects.keda.sh}) exists and is Established. */
    boolean established(String crd);

    /** Calls {@code listener} after every change of what is established. */
    void onChange(Runnable listener);

    @Override
    default void close() {
    }

    /** For embedding and tests: every CRD is taken as installed, nothing is watched. */
    static CrdAvailability assumeInstalled() {
        return new CrdAvailability() {
            @Override
            public boolean established(String crd) {
                return true;
            }

            @Override
            public void onChange(Runnable listener) {
            }
        };
    }
}
