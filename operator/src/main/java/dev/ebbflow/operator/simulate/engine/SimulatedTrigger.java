package dev.ebbflow.operator.simulate.engine;

import dev.ebbflow.scalers.MetricSpec;

/**
 * A ScaledObject trigger bound to a simulated queue: the simulator never talks to a broker, it
 * answers the trigger from the queue model the way that broker would count.
 *
 * @param queue the queue's name in the scenario
 * @param reading what the broker reports for this trigger
 * @param metric the external metric the trigger exposes, with KEDA's target and activation target
 */
public record SimulatedTrigger(String type, String name, String queue, Reading reading, MetricSpec metric) {

    /** What a broker counts. */
    public enum Reading {
        /** Waiting plus unacknowledged (in-flight) messages: RabbitMQ's {@code messages}, SQS's visible + not visible. */
        MESSAGES_INCLUDING_IN_FLIGHT,
        /** Waiting messages only: RabbitMQ with {@code excludeUnacknowledged}, SQS with {@code scaleOnInFlight: false}. */
        MESSAGES_WAITING,
        /** Messages published per second: RabbitMQ's {@code MessageRate} mode. */
        PUBLISH_RATE
    }

    public double value(SimulatedQueue q, double publishRate) {
        return switch (reading) {
            case MESSAGES_INCLUDING_IN_FLIGHT -> q.backlog() + q.inFlight();
            case MESSAGES_WAITING -> q.backlog();
            case PUBLISH_RATE -> publishRate;
        };
    }
}
