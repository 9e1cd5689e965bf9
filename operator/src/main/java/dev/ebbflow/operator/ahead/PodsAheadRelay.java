package dev.ebbflow.operator.ahead;

/**
 * Hands the scale loop's reports to whatever listens once it is ready: the scale loop is wired when the
 * operator is built, node provisioning only once its CRDs are installed and this replica leads.
 * Reports made before then, or after {@link #disconnect()}, are dropped: the next poll repeats them.
 */
public final class PodsAheadRelay implements PodsAhead {

    private volatile PodsAhead target = NONE;

    public void connect(PodsAhead listener) {
        target = listener;
    }

    public void disconnect() {
        target = NONE;
    }

    @Override
    public void coming(ComingPods pods) {
        target.coming(pods);
    }
}
