package dev.ebbflow.scalers.rabbitmq;

import dev.ebbflow.scalers.MetadataSecrets;

/**
 * A broker user and password. {@link #toString()} hides the password so a record holding
 * credentials can be logged; pool keys use {@link #passwordDigest()} instead of the password.
 */
public record Credentials(String username, String password) {

    public static final Credentials NONE = new Credentials(null, null);

    /** SHA-256 of the password, so two triggers with the same secret share a connection without the secret being a map key. */
    public String passwordDigest() {
        return digest(password == null ? "" : password);
    }

    static String digest(String text) {
        return MetadataSecrets.digest(text);
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=" + (password == null ? "none" : "***") + "]";
    }
}
