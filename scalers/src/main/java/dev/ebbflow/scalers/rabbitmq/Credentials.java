package dev.ebbflow.scalers.rabbitmq;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=" + (password == null ? "none" : "***") + "]";
    }
}
