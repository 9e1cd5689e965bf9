package dev.ebbflow.scalers.rabbitmq;

/**
 * TLS parameters of a trigger: the TriggerAuthentication's {@code tls}, {@code ca}, {@code cert},
 * {@code key}, {@code keyPassword} (PEM text) and the metadata's {@code unsafeSsl}.
 * {@link #toString()} hides the key material.
 */
public record TlsSettings(boolean enabled, String ca, String cert, String key, String keyPassword, boolean unsafeSsl) {

    public static final TlsSettings DEFAULT = new TlsSettings(false, null, null, null, null, false);

    /** A digest of every field, so clients can be shared per TLS configuration without keeping keys in map keys. */
    public String fingerprint() {
        return Credentials.digest(enabled + "\u0000" + ca + "\u0000" + cert + "\u0000" + key + "\u0000" + keyPassword + "\u0000" + unsafeSsl);
    }

    /** Whether a client certificate or a private CA must be loaded (otherwise the JVM defaults do). */
    boolean customMaterial() {
        return enabled && (ca != null || cert != null);
    }

    @Override
    public String toString() {
        return "TlsSettings[enabled=" + enabled + ", ca=" + (ca != null) + ", cert=" + (cert != null)
                + ", key=" + (key != null ? "***" : "none") + ", unsafeSsl=" + unsafeSsl + "]";
    }
}
