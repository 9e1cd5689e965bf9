package dev.ebbflow.operator;

import io.javaoperatorsdk.operator.Operator;

/**
 * A group of controllers that plugs into the operator (e.g. node provisioning): it registers its
 * reconcilers on the JOSDK {@link Operator} before it starts, so they run under the same leader
 * election, client and metrics as the ScaledObject controller.
 */
public interface ControllerModule extends AutoCloseable {

    /** Short name for logs. */
    String name();

    /** Registers the module's reconcilers; called once, before {@link Operator#start()}. */
    void register(Operator operator, OperatorContext context);

    /** Releases what the module holds; called after the JOSDK operator stopped. */
    @Override
    default void close() {
    }
}
