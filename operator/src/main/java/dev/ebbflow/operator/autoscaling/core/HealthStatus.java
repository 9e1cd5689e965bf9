package dev.ebbflow.operator.autoscaling.core;

/** One entry of {@code status.health}, keyed by metric name: consecutive failures and Happy/Failing. */
public record HealthStatus(int numberOfFailures, State status) {

    public static final HealthStatus HAPPY = new HealthStatus(0, State.HAPPY);

    /** KEDA's spelling of the two health states. */
    public enum State {
        HAPPY("Happy"),
        FAILING("Failing");

        private final String manifestName;

        State(String manifestName) {
            this.manifestName = manifestName;
        }

        public String manifestName() {
            return manifestName;
        }
    }

    HealthStatus afterFailure() {
        return new HealthStatus(numberOfFailures + 1, State.FAILING);
    }
}
