package dev.ebbflow.operator.autoscaling.auth;

/**
 * A value that cannot be read, described without the field that asked for it: the resolver, which
 * knows that field, turns it into a {@link TriggerAuthException}. The message never quotes a value.
 */
final class UnresolvableException extends Exception {

    UnresolvableException(String problem) {
        super(problem, null, false, false);
    }
}
