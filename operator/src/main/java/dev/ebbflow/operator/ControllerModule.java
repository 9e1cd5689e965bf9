package dev.ebbflow.operator;

import io.javaoperatorsdk.operator.Operator;
import java.util.Set;

/**
 * A group of controllers that plugs into the operator (e.g. node provisioning). Each module gets a
 * JOSDK {@link Operator} of its own, started on the Lease holder once every CRD the module needs is
 * installed: a missing CRD holds back its module only, and a CRD installed later starts it without
 * a restart.
 */
public interface ControllerModule extends AutoCloseable {

    /** Short name for logs. */
    String name();

    /** The CRDs (e.g. {@code nodepools.karpenter.sh}) the module's controllers and informers need. */
    Set<String> requiredCrds();

    /** Registers the module's reconcilers and starts its background loops (through the context's leadership); called once, before {@link Operator#start()}. */
    void register(Operator operator, OperatorContext context);

    /** Releases what the module holds; called after its JOSDK operator stopped. */
    @Override
    default void close() {
    }
}
