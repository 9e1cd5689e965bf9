package dev.ebbflow.scalers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Secrets in metadata: digests that let pools key clients by credential without holding the
 * credential in a map key, and scrubbing of library messages before they reach a user.
 */
public final class MetadataSecrets {

    private MetadataSecrets() {
    }

    /** Hex SHA-256 of {@code text}. */
    public static String digest(String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
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
}
