package dev.ebbflow.operator.simulate.engine;

import dev.ebbflow.operator.autoscaling.core.TriggerOutcome;
import dev.ebbflow.scalers.MetricSpec;
import dev.ebbflow.scalers.cron.CronMetadata;

/**
 * A ScaledObject trigger bound to a simulated queue: the simulator never talks to a broker, it
 * answers the trigger from the queue model the way that broker would count.
 *
 * @param queue the queue's name in the scenario
 * @param reading what the broker reports for this trigger
 * @param metric the external metric the trigger exposes, with KEDA's target and activation target
 */
public record SimulatedTrigger(String type, String name, String queue, Reading reading, MetricSpec metric, CronMetadata schedule) {

    /** A trigger answered from a queue. */
    public SimulatedTrigger(String type, String name, String queue, Reading reading, MetricSpec metric) {
        this(type, name, queue, reading, metric, null);
    }

    /** What a broker counts. */
    public enum Reading {
        /** Waiting plus unacknowledged (in-flight) messages: RabbitMQ's {@code messages}, SQS's visible + not visible. */
        MESSAGES_INCLUDING_IN_FLIGHT,
        /** Waiting messages only: RabbitMQ with {@code excludeUnacknowledged}, SQS with {@code scaleOnInFlight: false}. */
        MESSAGES_WAITING,
        /** Messages published per second: RabbitMQ's {@code MessageRate} mode. */
        PUBLISH_RATE,
        /** No queue: a cron trigger, answered from the virtual clock by the cron scaler's own window. */
        SCHEDULE,
        /** No queue and no reading: cpu and memory, which the simulated HPA does not model (it reads External metrics only). */
        NONE
    }

    /** The outcome the scale loop and the HPA see at {@code now}. */
    public TriggerOutcome outcome(SimulatedQueue q, double[] publishRate, java.time.Instant now) {
        return switch (reading) {
            case SCHEDULE -> TriggerOutcome.of(schedule.readingAt(now));
            case NONE -> TriggerOutcome.notPolled();
            default -> {
                double v = value(q, publishRate[0]);
                yield TriggerOutcome.reading(v, v > metric.activationTarget());
            }
        };
    }

    public double value(SimulatedQueue q, double publishRate) {
        return switch (reading) {
            case MESSAGES_INCLUDING_IN_FLIGHT -> q.backlog() + q.inFlight();
            case MESSAGES_WAITING -> q.backlog();
            case PUBLISH_RATE -> publishRate;
            case SCHEDULE, NONE -> throw new IllegalStateException(type + " triggers read no queue");
        };
    }
}
