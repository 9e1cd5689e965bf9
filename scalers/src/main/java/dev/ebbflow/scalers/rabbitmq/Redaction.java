package dev.ebbflow.scalers.rabbitmq;

import dev.ebbflow.scalers.MetadataSecrets;

/** Last line of defence for messages built from library exceptions: a password never survives it. */
final class Redaction {

    private Redaction() {
    }

    /** The message with every occurrence of the secret masked; null stays null. */
    static String scrub(String message, String secret) {
        return MetadataSecrets.scrub(message, secret);
    }

    /** A short description of a library exception, safe to show: its class and scrubbed message. */
    static String describe(Throwable t, String secret) {
        String msg = scrub(t.getMessage(), secret);
        return t.getClass().getSimpleName() + (msg == null || msg.isBlank() ? "" : ": " + msg);
    }
}
