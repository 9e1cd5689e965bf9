package dev.ebbflow.scalers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Keeps secrets out of what scalers print and of what they key their pools by. Messages built from
 * library exceptions go through {@link #describe}, since a library may echo a request (and so a
 * password or token) back in its message.
 */
public final class Redaction {

    private Redaction() {
    }

    /** The message with every occurrence of each secret masked; null stays null. */
    public static String scrub(String message, String... secrets) {
        if (message == null) {
            return null;
        }
        String out = message;
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                out = out.replace(secret, "***");
            }
        }
        return out;
    }

    /** A short description of a library exception, safe to show: its class and scrubbed message. */
    public static String describe(Throwable t, String... secrets) {
        String msg = scrub(t.getMessage(), secrets);
        return t.getClass().getSimpleName() + (msg == null || msg.isBlank() ? "" : ": " + msg);
    }

    /**
     * SHA-256 (hex) of the parts, separated by NUL, so that triggers with the same secret can share a
     * connection or client without the secret itself becoming a map key.
     */
    public static String digest(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    sha.update((byte) 0);
                }
                sha.update(String.valueOf(parts[i]).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
